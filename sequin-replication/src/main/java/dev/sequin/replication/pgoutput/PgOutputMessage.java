package dev.sequin.replication.pgoutput;

import dev.sequin.message.Lsn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One pgoutput message (protocol version 1), as produced by {@link PgOutputDecoder}. Names follow
 * the Postgres docs, "Logical Replication Message Formats".
 *
 * <p>Timestamps are converted from the Postgres epoch (2000-01-01) to microseconds since the Unix
 * epoch, UTC. Tuples hold Postgres text values; turning them into JSON needs the column types of
 * the latest {@link Relation} and is not done here.
 */
public sealed interface PgOutputMessage {

    /**
     * Start of a transaction ({@code B}).
     *
     * @param finalLsn the LSN of the transaction's commit record; Sequin's {@code commit_lsn}
     * @param xid      the transaction id, an unsigned 32-bit value carried in an {@code int}
     */
    record Begin(Lsn finalLsn, long commitTimestampMicros, int xid) implements PgOutputMessage {
    }

    /**
     * End of a transaction ({@code C}).
     *
     * @param flags     currently always 0
     * @param commitLsn the LSN of the commit record (equals the Begin's {@code finalLsn})
     * @param endLsn    the LSN just past the commit record: the position to confirm once every
     *                  change of the transaction is safe
     */
    record Commit(int flags, Lsn commitLsn, Lsn endLsn, long commitTimestampMicros) implements PgOutputMessage {
    }

    /** The transaction was replayed from another node ({@code O}); sent after Begin. */
    record Origin(Lsn originCommitLsn, String name) implements PgOutputMessage {
    }

    /**
     * A table's shape ({@code R}), sent before the first change of each table in a session and
     * again after any change to its schema. It replaces whatever was known for the id.
     *
     * @param namespace       the schema; empty for {@code pg_catalog}
     * @param replicaIdentity {@code relreplident}: {@code 'd'} default, {@code 'n'} nothing,
     *                        {@code 'f'} full, {@code 'i'} index
     * @param columns         published columns in attnum order (generated columns are not sent)
     */
    record Relation(int relationId, String namespace, String name, char replicaIdentity, List<Column> columns)
            implements PgOutputMessage {

        public Relation {
            columns = List.copyOf(columns);
        }

        /**
         * @param key          part of the replica identity. Under {@code REPLICA IDENTITY FULL}
         *                     Postgres flags every column, so this is not the primary key there.
         * @param typeModifier {@code atttypmod}, -1 when none
         */
        public record Column(boolean key, String name, int typeOid, int typeModifier) {
        }
    }

    /** A non-builtin type's name ({@code Y}), sent before a Relation that uses it. */
    record Type(int typeOid, String namespace, String name) implements PgOutputMessage {
    }

    /** A row insert ({@code I}). */
    record Insert(int relationId, TupleData newTuple) implements PgOutputMessage {
    }

    /**
     * A row update ({@code U}).
     *
     * @param oldKind  {@code 'K'} (old key: the replica identity changed under DEFAULT/INDEX),
     *                 {@code 'O'} (whole old row, REPLICA IDENTITY FULL) or {@code 0} (no old tuple)
     * @param oldTuple the old tuple, or {@code null} when {@code oldKind} is 0
     */
    record Update(int relationId, char oldKind, TupleData oldTuple, TupleData newTuple) implements PgOutputMessage {

        public static final char NO_OLD_TUPLE = 0;

        public Update {
            Objects.requireNonNull(newTuple, "newTuple");
            if ((oldKind == NO_OLD_TUPLE) != (oldTuple == null)) {
                throw new IllegalArgumentException("oldTuple must be present exactly when oldKind is set");
            }
        }
    }

    /**
     * A row delete ({@code D}).
     *
     * @param oldKind  {@code 'K'}: only identity columns are filled, the rest are NULL;
     *                 {@code 'O'}: the whole old row (REPLICA IDENTITY FULL)
     */
    record Delete(int relationId, char oldKind, TupleData oldTuple) implements PgOutputMessage {
    }

    /**
     * {@code TRUNCATE} of one or more tables ({@code T}).
     *
     * @param options bit 1 {@code CASCADE}, bit 2 {@code RESTART IDENTITY}
     */
    record Truncate(int options, int[] relationIds) implements PgOutputMessage {

        public static final int CASCADE = 1;
        public static final int RESTART_IDENTITY = 2;

        @Override
        public boolean equals(Object o) {
            return o instanceof Truncate t && t.options == options && Arrays.equals(t.relationIds, relationIds);
        }

        @Override
        public int hashCode() {
            return 31 * options + Arrays.hashCode(relationIds);
        }

        @Override
        public String toString() {
            return "Truncate[options=" + options + ", relationIds=" + Arrays.toString(relationIds) + "]";
        }
    }

    /**
     * A {@code pg_logical_emit_message} ({@code M}). Transactional messages arrive inside their
     * transaction; non-transactional ones arrive alone, at their WAL position.
     *
     * @param lsn the position of the message record
     */
    record LogicalMessage(boolean transactional, Lsn lsn, String prefix, byte[] content) implements PgOutputMessage {

        /** The content decoded as UTF-8 (Sequin's heartbeats and annotations are text). */
        public String contentAsString() {
            return new String(content, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LogicalMessage m && m.transactional == transactional && m.lsn.equals(lsn)
                    && m.prefix.equals(prefix) && Arrays.equals(m.content, content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(transactional, lsn, prefix, Arrays.hashCode(content));
        }

        /** Omits the content, which may carry user data. */
        @Override
        public String toString() {
            return "LogicalMessage[transactional=" + transactional + ", lsn=" + lsn + ", prefix=" + prefix
                    + ", content=" + content.length + " bytes]";
        }
    }
}
