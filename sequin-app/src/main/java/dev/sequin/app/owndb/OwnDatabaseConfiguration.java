package dev.sequin.app.owndb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data source for our own state: the Postgres named by Sequin's {@code PG_*} variables, or
 * the embedded one. Flyway migrates it before anything else uses it.
 */
@Configuration(proxyBeanMethods = false)
class OwnDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Qualifier("ownEmbedded")
    EmbeddedHolder embeddedOwnDatabase(OwnDatabaseProperties props) {
        if (props.external()) {
            return new EmbeddedHolder(null);
        }
        Path folder = Path.of(props.dataDir() == null || props.dataDir().isBlank() ? ".sequin-data" : props.dataDir());
        return new EmbeddedHolder(EmbeddedOwnDatabase.start(folder));
    }

    @Bean
    DataSource dataSource(OwnDatabaseProperties props, EmbeddedHolder embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("own-state");
        config.setMaximumPoolSize(props.poolSizeOrDefault());
        // Backlog writes are batches of inserts: let pgjdbc send them as multi-row statements.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (embedded.database() != null) {
            config.setJdbcUrl(embedded.database().jdbcUrl());
        } else if (props.url() != null && !props.url().isBlank()) {
            PostgresUrl url = PostgresUrl.parse(props.url());
            config.setJdbcUrl(jdbcUrl(url.hostname(), url.port(), url.database(), props.ssl()));
            config.setUsername(url.username());
            config.setPassword(url.password());
        } else {
            config.setJdbcUrl(jdbcUrl(props.hostname(), props.port() == null ? 5432 : props.port(),
                    props.database() == null ? "sequin" : props.database(), props.ssl()));
            config.setUsername(props.username() == null ? "postgres" : props.username());
            config.setPassword(props.password());
        }
        return new HikariDataSource(config);
    }

    private static String jdbcUrl(String host, int port, String database, Boolean ssl) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        return Boolean.TRUE.equals(ssl) ? url + "?sslmode=require" : url;
    }

    /** Holds the embedded database, if one was started, so Spring stops it after the pool. */
    record EmbeddedHolder(EmbeddedOwnDatabase database) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (database != null) {
                database.close();
            }
        }
    }
}
