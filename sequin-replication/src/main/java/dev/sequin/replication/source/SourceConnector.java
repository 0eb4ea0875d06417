package dev.sequin.replication.source;

import dev.sequin.source.SourceDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to a source database with pgjdbc. Plain connections are for checks, table
 * metadata and backfills; {@link #replicationProperties} adds what a logical replication
 * connection needs. Stateless.
 */
public final class SourceConnector {

    /** Seconds to wait for TCP connect and for login; an unreachable host fails in about this long. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    /**
     * Session settings that make the text values Postgres sends match Sequin's JSON encoding
     * (contract §1.8): ISO dates, UTC, round-trippable floats, hex bytea.
     */
    public static final String SESSION_OPTIONS =
            "-c DateStyle=ISO -c TimeZone=UTC -c IntervalStyle=postgres -c extra_float_digits=3 -c bytea_output=hex";

    private SourceConnector() {
    }

    /** A plain JDBC connection (autocommit on). The caller closes it. */
    public static Connection connect(SourceDatabase db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), connectionProperties(db));
    }

    /** Opens a replication connection ({@code replication=database}). The caller closes it. */
    public static Connection connectForReplication(SourceDatabase db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), replicationProperties(db));
    }

    /**
     * {@code jdbc:postgresql://host:port/db}; an IPv6 literal is bracketed and the database name
     * URL-encoded (pgjdbc decodes it), so no character in either can change the URL's meaning.
     */
    public static String jdbcUrl(SourceDatabase db) {
        String host = db.hostname().contains(":") && !db.hostname().startsWith("[") ? "[" + db.hostname() + "]" : db.hostname();
        return "jdbc:postgresql://" + host + ":" + db.port() + "/"
                + URLEncoder.encode(db.database(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Properties of a plain connection: credentials, timeouts, SSL and {@code ApplicationName=sequin}. */
    public static Properties connectionProperties(SourceDatabase db) {
        Properties props = new Properties();
        props.setProperty("user", db.username());
        props.setProperty("password", db.password().reveal());
        props.setProperty("ApplicationName", "sequin");
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        // Metadata queries and checks are short; a hung server must not hang the caller forever.
        props.setProperty("socketTimeout", "60");
        props.setProperty("tcpKeepAlive", "true");
        // Sequin's ssl: true encrypts without verifying the certificate (managed databases rarely
        // ship a CA the client knows); false never attempts TLS.
        props.setProperty("sslmode", db.ssl() ? "require" : "disable");
        return props;
    }

    /**
     * Properties of a logical replication connection. The socket timeout is off: the stream is
     * idle between changes, and liveness is the reader's keepalives' job.
     */
    public static Properties replicationProperties(SourceDatabase db) {
        Properties props = connectionProperties(db);
        props.remove("socketTimeout");
        props.setProperty("replication", "database");
        props.setProperty("assumeMinServerVersion", "10");
        // The replication protocol accepts only the simple query protocol.
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("options", SESSION_OPTIONS);
        return props;
    }
}
