package dev.sequin.replication.assembly;

import dev.sequin.message.JsonText;
import dev.sequin.replication.pgoutput.TupleData;
import dev.sequin.replication.types.JsonValueEncoder;
import dev.sequin.replication.types.ValueEncodingException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Builds the {@code record}, {@code changes}, column texts and {@code record_pks} of one row
 * change (contract §1.5, §1.6). Reuses its buffers between rows, so it is not thread-safe; the
 * results of one call are read before the next.
 *
 * <p>A value that fails to encode is written as its raw Postgres text (a JSON string) and the
 * first failure is kept in {@link #failure()}, so the row is still complete and can be
 * dead-lettered with its position.
 */
final class RowEncoder {

    static final String UNCHANGED_TOAST = "\"unchanged_toast\"";

    private final JsonValueEncoder values;
    private final StringBuilder record = new StringBuilder(1024);
    private final StringBuilder changes = new StringBuilder(256);
    private final StringBuilder scratchA = new StringBuilder(64);
    private final StringBuilder scratchB = new StringBuilder(64);

    private String[] texts;
    private boolean unchangedToast;
    private EncodingFailure failure;

    RowEncoder(JsonValueEncoder values) {
        this.values = values;
    }

    /**
     * Encodes the record image {@code image}. Unchanged-TOAST values are taken from {@code fill}
     * (the FULL old row) when it has them, else written as {@code "unchanged_toast"}.
     *
     * @param fill the old row under REPLICA IDENTITY FULL, or {@code null}
     */
    void encodeRecord(TableSchema table, TupleData image, TupleData fill) {
        checkWidth(table, image);
        if (fill != null) {
            checkWidth(table, fill);
        }
        failure = null;
        unchangedToast = false;
        int n = table.columnCount();
        texts = new String[n];
        record.setLength(0);
        record.append('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                record.append(',');
            }
            record.append(table.jsonKeys[i]);
            TupleData source = image;
            if (image.isUnchangedToast(i) && fill != null && !fill.isUnchangedToast(i)) {
                source = fill;
            }
            switch (source.kind(i)) {
                case TupleData.TEXT -> {
                    texts[i] = source.text(i);
                    value(table, i, texts[i], record);
                }
                case TupleData.NULL -> record.append("null");
                default -> {
                    record.append(UNCHANGED_TOAST);
                    unchangedToast = true;
                }
            }
        }
        record.append('}');
    }

    /**
     * The {@code changes} of an update under REPLICA IDENTITY FULL: the old value of every column
     * whose value changed. Columns that are unchanged TOAST on either side are left out: the
     * sentinel never appears in {@code changes}.
     */
    String encodeChanges(TableSchema table, TupleData oldRow, TupleData newRow) {
        changes.setLength(0);
        changes.append('{');
        boolean first = true;
        for (int i = 0; i < table.columnCount(); i++) {
            if (oldRow.isUnchangedToast(i) || newRow.isUnchangedToast(i) || sameValue(table, i, oldRow, newRow)) {
                continue;
            }
            if (!first) {
                changes.append(',');
            }
            first = false;
            changes.append(table.jsonKeys[i]);
            if (oldRow.isNull(i)) {
                changes.append("null");
            } else {
                value(table, i, oldRow.text(i), changes);
            }
        }
        return changes.append('}').toString();
    }

    private boolean sameValue(TableSchema table, int column, TupleData a, TupleData b) {
        if (a.isNull(column) || b.isNull(column)) {
            return a.isNull(column) && b.isNull(column);
        }
        String x = a.text(column);
        String y = b.text(column);
        if (x.equals(y)) {
            return true;
        }
        if (!table.types[column].isJson()) {
            return false;
        }
        // json keeps its input text: '{"a": 1}' and '{"a":1}' are the same value to Sequin.
        scratchA.setLength(0);
        scratchB.setLength(0);
        try {
            values.encode(table.types[column], x, scratchA);
            values.encode(table.types[column], y, scratchB);
        } catch (ValueEncodingException e) {
            return false;
        }
        return scratchA.compareTo(scratchB) == 0;
    }

    private void value(TableSchema table, int column, String text, StringBuilder out) {
        try {
            values.encode(table.types[column], text, out);
        } catch (ValueEncodingException e) {
            if (failure == null) {
                failure = new EncodingFailure(table.columnNames.get(column), e.typeName(), e.getMessage());
            }
            JsonText.appendString(out, text);
        }
    }

    String recordJson() {
        return record.toString();
    }

    /** Text of each column of the last record; {@code null} for NULL and unfilled unchanged TOAST. */
    List<String> columnTexts() {
        return Collections.unmodifiableList(Arrays.asList(texts));
    }

    /** The primary-key values of the last record, as text; {@code ""} where a key value is absent. */
    List<String> recordPks(TableSchema table) {
        int[] key = table.primaryKey;
        if (key.length == 0) {
            return List.of();
        }
        String[] pks = new String[key.length];
        for (int k = 0; k < key.length; k++) {
            String text = texts[key[k]];
            pks[k] = text == null ? "" : text;
        }
        return List.of(pks);
    }

    boolean sawUnchangedToast() {
        return unchangedToast;
    }

    /** The first failure since the last {@link #encodeRecord}, or {@code null}. */
    EncodingFailure failure() {
        return failure;
    }

    private static void checkWidth(TableSchema table, TupleData tuple) {
        if (tuple.size() != table.columnCount()) {
            throw new IllegalStateException("pgoutput sent " + tuple.size() + " values for " + table.table + ", whose Relation message has "
                    + table.columnCount() + " columns");
        }
    }
}
