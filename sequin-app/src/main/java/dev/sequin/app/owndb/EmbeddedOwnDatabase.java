package dev.sequin.app.owndb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command quick start: a Postgres 17 run by the service itself in a local folder that
 * survives restarts. Its port is remembered in the folder so URLs stay stable across restarts.
 */
final class EmbeddedOwnDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedOwnDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedOwnDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedOwnDatabase start(Path folder) {
        try {
            Path data = folder.resolve("pg");
            Files.createDirectories(data);
            int port = rememberedPort(folder);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .start();
            log.info("Started embedded Postgres for our own state in {} on port {}", data.toAbsolutePath(), pg.getPort());
            return new EmbeddedOwnDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Postgres in " + folder.toAbsolutePath()
                    + "; set PG_URL to use an existing Postgres instead", e);
        }
    }

    private static int rememberedPort(Path folder) throws IOException {
        Path file = folder.resolve("pg.port");
        if (Files.exists(file)) {
            int port = Integer.parseInt(Files.readString(file).trim());
            if (isFree(port)) {
                return port;
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(file, Integer.toString(port));
        return port;
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
