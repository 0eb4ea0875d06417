package dev.sequin.message;

/**
 * A position in the Postgres write-ahead log: an unsigned 64-bit byte offset.
 *
 * <p>Printed as Postgres prints it ({@code 16/3002D50}, as in {@code pg_replication_slots}); carried
 * in message JSON as the plain integer ({@code commit_lsn}). Ordering is unsigned, although real
 * positions never reach the sign bit.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** {@code 0/0}: "no position yet". Postgres treats it as "start from the slot's position". */
    public static final Lsn ZERO = new Lsn(0);

    public static Lsn of(long value) {
        return value == 0 ? ZERO : new Lsn(value);
    }

    /**
     * Parses Postgres text form {@code X/Y} (hex halves).
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static Lsn parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("Not an LSN: " + text);
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("Not an LSN: " + text);
            }
            return of(high << 32 | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not an LSN: " + text, e);
        }
    }

    /** Parses the unsigned decimal form ({@code commit_lsn} in JSON, {@code numeric} columns). */
    public static Lsn parseDecimal(String text) {
        return of(Long.parseUnsignedLong(text));
    }

    /** The unsigned decimal form, as {@code commit_lsn} is written in JSON and stored. */
    public String decimal() {
        return Long.toUnsignedString(value);
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Lsn other) {
        return compareTo(other) < 0;
    }

    public static Lsn max(Lsn a, Lsn b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static Lsn min(Lsn a, Lsn b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** Postgres text form, e.g. {@code 16/3002D50}. */
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }
}
