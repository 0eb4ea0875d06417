package dev.sequin.replication.source;

import static dev.sequin.replication.source.Identifiers.literal;
import static dev.sequin.replication.source.Identifiers.quote;

import dev.sequin.message.TableName;
import dev.sequin.replication.source.SourceProblem.Codes;
import dev.sequin.replication.source.SourceProblem.Subject;
import dev.sequin.source.SourceDatabase;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Builds every {@link SourceProblem}: the wording and the fixing SQL live here, in one place, free
 * of I/O, so they can be read and tested together. Names inside SQL are quoted with
 * {@link Identifiers}, so the SQL shown is safe to paste.
 */
public final class SourceProblems {

    /** The oldest Postgres we support: 12 (as {@code server_version_num}). */
    public static final int MIN_SERVER_VERSION_NUM = 120000;

    private SourceProblems() {
    }

    /**
     * Maps a failure to connect by its SQLState (and cause) to the problem the user must fix:
     * {@code 28P01}/{@code 28000} credentials, {@code 3D000} a missing database, {@code 08001}
     * with a network cause an unreachable host.
     */
    public static SourceProblem fromConnectFailure(SQLException e, SourceDatabase db) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = db.hostname() + ":" + db.port();
        switch (state) {
            case "28P01":
            case "28000":
                return new SourceProblem(Codes.AUTHENTICATION_FAILED, Subject.CREDENTIALS,
                        "Authentication failed for user \"" + db.username() + "\" on " + where + ": " + e.getMessage(),
                        "check the username and password, or create the role: CREATE ROLE " + quote(db.username())
                                + " WITH LOGIN REPLICATION PASSWORD '...';");
            case "3D000":
                return new SourceProblem(Codes.DATABASE_MISSING, Subject.CONNECTION,
                        "Database \"" + db.database() + "\" does not exist on " + where + ".",
                        "check the database name, or create it: CREATE DATABASE " + quote(db.database()) + ";");
            default:
                break;
        }
        if (isNetworkFailure(e)) {
            return new SourceProblem(Codes.HOST_UNREACHABLE, Subject.CONNECTION,
                    "Cannot reach Postgres at " + where + ": " + rootMessage(e) + ".",
                    "check the hostname and port, that the server is running and accepts TCP connections"
                            + " (listen_addresses, pg_hba.conf), and that no firewall blocks the port.");
        }
        return connectionFailed(db, e);
    }

    /** A failure with no more specific meaning; the server's message is kept. */
    public static SourceProblem connectionFailed(SourceDatabase db, SQLException e) {
        return new SourceProblem(Codes.CONNECTION_FAILED, Subject.CONNECTION,
                "Cannot use Postgres at " + db.hostname() + ":" + db.port() + ": " + rootMessage(e)
                        + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")") + ".",
                "check the connection settings (ssl, hostname, port) and the server log.");
    }

    /** A problem when {@code server_version_num} is below 12. */
    public static Optional<SourceProblem> version(int serverVersionNum, String serverVersion) {
        if (serverVersionNum >= MIN_SERVER_VERSION_NUM) {
            return Optional.empty();
        }
        return Optional.of(new SourceProblem(Codes.VERSION_UNSUPPORTED, Subject.SERVER,
                "Postgres " + serverVersion + " is older than 12, the oldest version supported.",
                "upgrade the server to PostgreSQL 12 or newer."));
    }

    /** A problem unless {@code wal_level} is {@code logical}. */
    public static Optional<SourceProblem> walLevel(String walLevel) {
        if ("logical".equals(walLevel)) {
            return Optional.empty();
        }
        return Optional.of(new SourceProblem(Codes.WAL_LEVEL_NOT_LOGICAL, Subject.SERVER,
                "wal_level is \"" + walLevel + "\"; logical replication needs \"logical\".",
                "ALTER SYSTEM SET wal_level = logical; then restart Postgres (on managed services, set the"
                        + " parameter group's rds.logical_replication / cloudsql.logical_decoding flag instead)."));
    }

    public static SourceProblem replicationPrivilegeMissing(String username) {
        return new SourceProblem(Codes.REPLICATION_PRIVILEGE_MISSING, Subject.CREDENTIALS,
                "User \"" + username + "\" lacks the REPLICATION privilege (and is not a superuser or a member of"
                        + " rds_replication).",
                "ALTER ROLE " + quote(username) + " WITH REPLICATION; (on Amazon RDS: GRANT rds_replication TO "
                        + quote(username) + ";)");
    }

    public static SourceProblem slotMissing(String slot) {
        return new SourceProblem(Codes.SLOT_MISSING, Subject.SLOT,
                "Replication slot \"" + slot + "\" does not exist.",
                createSlotSql(slot) + " (create the publication first), or set create_if_not_exists.");
    }

    public static SourceProblem slotInUse(String slot, int pid, String applicationName) {
        String holder = "pid " + pid + (applicationName == null || applicationName.isEmpty() ? ""
                : " (application_name \"" + applicationName + "\")");
        return new SourceProblem(Codes.SLOT_IN_USE, Subject.SLOT,
                "Replication slot \"" + slot + "\" is in use by another connection: " + holder + ".",
                "stop the other consumer, or end its connection: SELECT pg_terminate_backend(" + pid + ");");
    }

    /** A physical slot, or a logical slot of another output plugin (e.g. {@code test_decoding}). */
    public static SourceProblem slotWrongPlugin(String slot, String slotType, String plugin) {
        String what = "physical".equals(slotType) ? "a physical slot" : "a logical slot for plugin \"" + plugin + "\"";
        return new SourceProblem(Codes.SLOT_WRONG_PLUGIN, Subject.SLOT,
                "Replication slot \"" + slot + "\" is " + what + "; a pgoutput logical slot is needed.",
                "SELECT pg_drop_replication_slot(" + literal(slot) + "); " + createSlotSql(slot));
    }

    public static SourceProblem slotWrongDatabase(String slot, String slotDatabase, String database) {
        return new SourceProblem(Codes.SLOT_WRONG_DATABASE, Subject.SLOT,
                "Replication slot \"" + slot + "\" belongs to database \"" + slotDatabase + "\", not \"" + database + "\".",
                "use a slot of this database: connected to " + quote(database) + ", run " + createSlotSql(slot)
                        + " under a name not yet taken.");
    }

    public static SourceProblem slotCreateFailed(String slot, SQLException e) {
        return new SourceProblem(Codes.SLOT_CREATE_FAILED, Subject.SLOT,
                "Could not create replication slot \"" + slot + "\": " + rootMessage(e) + ".",
                "run as a user with REPLICATION: " + createSlotSql(slot));
    }

    public static SourceProblem publicationMissing(String publication, int serverVersionNum) {
        return new SourceProblem(Codes.PUBLICATION_MISSING, Subject.PUBLICATION,
                "Publication \"" + publication + "\" does not exist.",
                createPublicationSql(publication, serverVersionNum) + "; (or CREATE PUBLICATION " + quote(publication)
                        + " FOR ALL TABLES;), or set create_if_not_exists.");
    }

    public static SourceProblem publicationCreateFailed(String publication, int serverVersionNum, SQLException e) {
        return new SourceProblem(Codes.PUBLICATION_CREATE_FAILED, Subject.PUBLICATION,
                "Could not create publication \"" + publication + "\": " + rootMessage(e) + ".",
                "run as a superuser or the schema's owner: " + createPublicationSql(publication, serverVersionNum) + ";");
    }

    public static SourceProblem tableMissing(TableName table) {
        return new SourceProblem(Codes.TABLE_MISSING, Subject.TABLE,
                "Table " + table + " does not exist.",
                "check the table name (schema.table, case-sensitive), or create the table.");
    }

    public static SourceProblem tableNotPublished(String publication, TableName table) {
        return new SourceProblem(Codes.TABLE_NOT_PUBLISHED, Subject.TABLE,
                "Table " + table + " is not in publication \"" + publication + "\".",
                "ALTER PUBLICATION " + quote(publication) + " ADD TABLE " + quote(table.schema()) + "."
                        + quote(table.name()) + ";");
    }

    /** {@code SELECT pg_create_logical_replication_slot('s', 'pgoutput');} */
    public static String createSlotSql(String slot) {
        return "SELECT pg_create_logical_replication_slot(" + literal(slot) + ", 'pgoutput');";
    }

    /**
     * Sequin's default publication (contract §5.3): schema {@code public}, published via the
     * partition root. {@code FOR TABLES IN SCHEMA} needs Postgres 15 and
     * {@code publish_via_partition_root} 13, so older servers get {@code FOR ALL TABLES}.
     */
    public static String createPublicationSql(String publication, int serverVersionNum) {
        String create = "CREATE PUBLICATION " + quote(publication);
        if (serverVersionNum >= 150000) {
            return create + " FOR TABLES IN SCHEMA public WITH (publish_via_partition_root = true)";
        }
        if (serverVersionNum >= 130000) {
            return create + " FOR ALL TABLES WITH (publish_via_partition_root = true)";
        }
        return create + " FOR ALL TABLES";
    }

    private static boolean isNetworkFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root instanceof UnknownHostException ? "unknown host " + message : message;
    }
}
