package dev.sequin.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real Postgres every {@code *IT} runs against, with {@code wal_level=logical}: one server per
 * JVM, shared by all tests, each of which creates its own databases, slots and publications under
 * unique names.
 *
 * <p>Where it comes from, in order: {@code SEQUIN_TEST_PG_URL} (an existing server, e.g.
 * {@code postgresql://postgres:postgres@localhost:5432/postgres}); else an embedded Postgres 17
 * from Maven Central (zonky), stopped by a shutdown hook; else, where a Docker engine exists, a
 * Testcontainers Postgres.
 */
public final class TestPostgres {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile TestPostgres shared;

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final AutoCloseable server;

    private TestPostgres(String host, int port, String username, String password, AutoCloseable server) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.server = server;
    }

    /** The server for this JVM, started on first use. */
    public static TestPostgres shared() {
        TestPostgres instance = shared;
        if (instance == null) {
            synchronized (TestPostgres.class) {
                instance = shared;
                if (instance == null) {
                    instance = start();
                    shared = instance;
                    TestPostgres started = instance;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-postgres-stop"));
                }
            }
        }
        return instance;
    }

    private static TestPostgres start() {
        String url = System.getenv("SEQUIN_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            return fromUrl(url);
        }
        try {
            EmbeddedPostgres pg = startEmbedded(null, 0);
            return new TestPostgres("localhost", pg.getPort(), "postgres", "", pg);
        } catch (IOException | RuntimeException embeddedFailure) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return startContainer();
            }
            throw new IllegalStateException("No test Postgres: set SEQUIN_TEST_PG_URL, or fix the embedded Postgres", embeddedFailure);
        }
    }

    /**
     * Starts an embedded Postgres configured for logical replication. Used for the shared server
     * and by tests that need a source they can stop and restart (pass the same folder and port).
     *
     * @param dataDirectory a folder to keep, or {@code null} for a throw-away one
     * @param port          a fixed port, or 0 for any free port
     */
    public static EmbeddedPostgres startEmbedded(java.nio.file.Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "64")
                .setServerConfig("max_wal_senders", "64")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off");
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    @SuppressWarnings("resource")
    private static TestPostgres startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=64",
                        "-c", "max_wal_senders=64", "-c", "max_connections=300", "-c", "fsync=off");
        container.start();
        return new TestPostgres(container.getHost(), container.getMappedPort(5432),
                container.getUsername(), container.getPassword(), container::stop);
    }

    private static TestPostgres fromUrl(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        String user = "postgres";
        String pass = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            pass = parts.length > 1 ? parts[1] : "";
        }
        return new TestPostgres(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, pass, () -> { });
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A {@code postgresql://user:pass@host:port/db} URL, the form Sequin's API accepts. */
    public String url(String database) {
        String auth = password.isEmpty() ? username : username + ":" + password;
        return "postgresql://" + auth + "@" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Creates a fresh database named {@code <prefix>_<n>_<pid>} and returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid()).toLowerCase();
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return name;
    }

    /** Runs statements in a database, one after another, in autocommit mode. */
    public void execute(String database, String... sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + database + ": " + e.getMessage(), e);
        }
    }

    private void stop() {
        try {
            server.close();
        } catch (Exception ignored) {
            // The JVM is exiting; the server's folder is a temporary one.
        }
    }
}
