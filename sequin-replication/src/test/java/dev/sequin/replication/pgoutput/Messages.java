package dev.sequin.replication.pgoutput;

import dev.sequin.message.Lsn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builders for pgoutput messages in tests that need shapes no fixture has. */
public final class Messages {

    /** Stands for an unchanged TOAST value in {@link #tuple}. */
    public static final String UNCHANGED = "\u0000unchanged-toast";

    private Messages() {
    }

    /** A tuple: {@code null} is SQL NULL, {@link #UNCHANGED} is unchanged TOAST, anything else text. */
    public static TupleData tuple(String... values) {
        char[] kinds = new char[values.length];
        String[] texts = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                kinds[i] = TupleData.NULL;
            } else if (values[i].equals(UNCHANGED)) {
                kinds[i] = TupleData.UNCHANGED_TOAST;
            } else {
                kinds[i] = TupleData.TEXT;
                texts[i] = values[i];
            }
        }
        return TupleData.of(kinds, texts);
    }

    /**
     * A Relation in {@code public}; columns as {@code "name:typeOid"}, with a trailing {@code ":key"}
     * for replica identity columns.
     */
    public static PgOutputMessage.Relation relation(int id, String name, char identity, String... columns) {
        List<PgOutputMessage.Relation.Column> list = new ArrayList<>();
        for (String column : columns) {
            String[] parts = column.split(":");
            list.add(new PgOutputMessage.Relation.Column(parts.length > 2 && parts[2].equals("key"), parts[0],
                    Integer.parseInt(parts[1]), -1));
        }
        return new PgOutputMessage.Relation(id, "public", name, identity, list);
    }

    public static PgOutputMessage.Begin begin(long finalLsn) {
        return new PgOutputMessage.Begin(Lsn.of(finalLsn), 1_730_151_421_127_470L, 1000);
    }

    public static PgOutputMessage.Commit commit(long commitLsn) {
        return new PgOutputMessage.Commit(0, Lsn.of(commitLsn), Lsn.of(commitLsn + 48), 1_730_151_421_127_470L);
    }

    public static PgOutputMessage.LogicalMessage message(boolean transactional, String prefix, String content) {
        return new PgOutputMessage.LogicalMessage(transactional, Lsn.of(1), prefix, content.getBytes(StandardCharsets.UTF_8));
    }
}
