package dev.sequin.app.owndb;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where our own state lives, set with Sequin's variables: {@code PG_URL}, or {@code PG_HOSTNAME},
 * {@code PG_PORT}, {@code PG_DATABASE}, {@code PG_USERNAME}, {@code PG_PASSWORD}; plus
 * {@code PG_SSL} and {@code PG_POOL_SIZE}. With neither {@code PG_URL} nor {@code PG_HOSTNAME}
 * set, an embedded Postgres is started in {@code dataDir}.
 *
 * @param dataDir folder of the embedded Postgres ({@code SEQUIN_DATA_DIR}, default
 *                {@code .sequin-data} in the working directory)
 */
@ConfigurationProperties(prefix = "pg")
public record OwnDatabaseProperties(
        String url,
        String hostname,
        Integer port,
        String database,
        String username,
        String password,
        Boolean ssl,
        Integer poolSize,
        String dataDir) {

    boolean external() {
        return (url != null && !url.isBlank()) || (hostname != null && !hostname.isBlank());
    }

    int poolSizeOrDefault() {
        return poolSize == null ? 10 : poolSize;
    }
}
