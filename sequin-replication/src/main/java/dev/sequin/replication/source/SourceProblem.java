package dev.sequin.replication.source;

import java.util.Objects;

/**
 * One reason a source database cannot be used, as {@link SourceCheck} reports it (DESIGN I6).
 *
 * @param code    stable, machine-readable, e.g. {@code slot_missing}; see {@link Codes}
 * @param subject what part of the configuration is at fault, so an API can point at a field
 * @param problem what is wrong, in one sentence naming the object
 * @param fix     the SQL (or action) that fixes it; never {@code null}
 */
public record SourceProblem(String code, Subject subject, String problem, String fix) {

    /** The part of a database's configuration a problem belongs to. */
    public enum Subject { CONNECTION, CREDENTIALS, SERVER, SLOT, PUBLICATION, TABLE }

    /** The stable codes. */
    public static final class Codes {
        public static final String HOST_UNREACHABLE = "host_unreachable";
        public static final String AUTHENTICATION_FAILED = "authentication_failed";
        public static final String DATABASE_MISSING = "database_missing";
        public static final String CONNECTION_FAILED = "connection_failed";
        public static final String VERSION_UNSUPPORTED = "version_unsupported";
        public static final String WAL_LEVEL_NOT_LOGICAL = "wal_level_not_logical";
        public static final String REPLICATION_PRIVILEGE_MISSING = "replication_privilege_missing";
        public static final String SLOT_MISSING = "slot_missing";
        public static final String SLOT_IN_USE = "slot_in_use";
        public static final String SLOT_WRONG_PLUGIN = "slot_wrong_plugin";
        public static final String SLOT_WRONG_DATABASE = "slot_wrong_database";
        public static final String SLOT_CREATE_FAILED = "slot_create_failed";
        public static final String PUBLICATION_MISSING = "publication_missing";
        public static final String PUBLICATION_CREATE_FAILED = "publication_create_failed";
        public static final String TABLE_MISSING = "table_missing";
        public static final String TABLE_NOT_PUBLISHED = "table_not_published";

        private Codes() {
        }
    }

    public SourceProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    /** {@code "<problem> To fix: <fix>"}: what an operator reads. */
    public String message() {
        return problem + " To fix: " + fix;
    }

    @Override
    public String toString() {
        return code + ": " + message();
    }
}
