package dev.sequin.replication.pgoutput;

import java.util.Arrays;

/**
 * The column values of one tuple, in the Relation's column order: for each column a kind
 * ({@link #NULL}, {@link #UNCHANGED_TOAST} or {@link #TEXT}) and, for text, the Postgres text
 * form of the value.
 *
 * <p>Two parallel arrays rather than an object per value, because the decoder builds one of these
 * per row on the hot path. Immutable once built; the arrays are owned by this object and never
 * exposed.
 */
public final class TupleData {

    /** The value is SQL NULL. */
    public static final char NULL = 'n';
    /** A TOASTed value the update did not touch: Postgres does not send it. */
    public static final char UNCHANGED_TOAST = 'u';
    /** The value is present in text form. */
    public static final char TEXT = 't';

    private final byte[] kinds;
    private final String[] texts;

    TupleData(byte[] kinds, String[] texts) {
        this.kinds = kinds;
        this.texts = texts;
    }

    /**
     * Builds a tuple from kinds and texts (for tests and builders); copies both arrays.
     *
     * @throws IllegalArgumentException if the lengths differ, a kind is unknown, or a text is
     *                                  present exactly where the kind says it should not be
     */
    public static TupleData of(char[] kinds, String[] texts) {
        if (kinds.length != texts.length) {
            throw new IllegalArgumentException("kinds and texts differ in length");
        }
        byte[] k = new byte[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            char kind = kinds[i];
            if (kind != NULL && kind != UNCHANGED_TOAST && kind != TEXT) {
                throw new IllegalArgumentException("Unknown tuple value kind '" + kind + "'");
            }
            if ((kind == TEXT) != (texts[i] != null)) {
                throw new IllegalArgumentException("Column " + i + ": text must be present exactly for kind 't'");
            }
            k[i] = (byte) kind;
        }
        return new TupleData(k, texts.clone());
    }

    /** Number of columns. */
    public int size() {
        return kinds.length;
    }

    /** {@link #NULL}, {@link #UNCHANGED_TOAST} or {@link #TEXT}. */
    public char kind(int column) {
        return (char) kinds[column];
    }

    public boolean isNull(int column) {
        return kinds[column] == NULL;
    }

    public boolean isUnchangedToast(int column) {
        return kinds[column] == UNCHANGED_TOAST;
    }

    /** The Postgres text form of the value, or {@code null} for NULL and unchanged TOAST. */
    public String text(int column) {
        return texts[column];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleData t && Arrays.equals(t.kinds, kinds) && Arrays.equals(t.texts, texts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kinds) + Arrays.hashCode(texts);
    }

    /** Kinds only: values are row data and stay out of logs. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TupleData[");
        for (int i = 0; i < kinds.length; i++) {
            s.append(i == 0 ? "" : ",").append((char) kinds[i]);
        }
        return s.append(']').toString();
    }
}
