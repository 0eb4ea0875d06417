package dev.sequin.replication.types;

import dev.sequin.message.JsonText;

/**
 * {@code interval} text in the {@code postgres} IntervalStyle ({@code 1 year 2 mons -3 days
 * +04:05:06.789}) to {@code {"months":14,"days":-3,"microseconds":14706789000}}: Postgres' own
 * three-field representation, so nothing is lost or normalised (a day is not 24 hours, a month is
 * not 30 days).
 */
final class Intervals {

    private Intervals() {
    }

    /**
     * @throws ValueEncodingException if the text is not a {@code postgres}-style interval (the
     *                                session's IntervalStyle was not set as required)
     */
    static void append(StringBuilder out, String text, String typeName) throws ValueEncodingException {
        if (text.equals("infinity") || text.equals("-infinity")) {
            // PostgreSQL 17+: no three-field form exists, so the text stays, as for timestamps.
            JsonText.appendString(out, text);
            return;
        }
        long months = 0;
        long days = 0;
        long micros = 0;
        int n = text.length();
        int i = 0;
        boolean any = false;
        while (i < n) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            any = true;
            int start = i;
            boolean negative = false;
            if (text.charAt(i) == '+' || text.charAt(i) == '-') {
                negative = text.charAt(i) == '-';
                i++;
            }
            int digitsStart = i;
            long value = 0;
            while (i < n && isDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i++) - '0');
            }
            if (i == digitsStart || i - digitsStart > 18) {
                throw malformed(typeName, start);
            }
            if (i < n && text.charAt(i) == ':') {
                long clock = clockMicros(text, i, value, typeName);
                micros += negative ? -clock : clock;
                i = skipToSpace(text, i);
                continue;
            }
            if (i >= n || text.charAt(i) != ' ') {
                throw malformed(typeName, i);
            }
            int unitStart = ++i;
            i = skipToSpace(text, i);
            long signed = negative ? -value : value;
            switch (text.substring(unitStart, i)) {
                case "year", "years" -> months += 12 * signed;
                case "mon", "mons" -> months += signed;
                case "day", "days" -> days += signed;
                default -> throw malformed(typeName, unitStart);
            }
        }
        if (!any) {
            throw malformed(typeName, 0);
        }
        out.append("{\"months\":").append(months).append(",\"days\":").append(days)
                .append(",\"microseconds\":").append(micros).append('}');
    }

    /** {@code h+:mm:ss[.ffffff]} with the hours already read; {@code colon} is the first ':'. */
    private static long clockMicros(String text, int colon, long hours, String typeName) throws ValueEncodingException {
        int n = text.length();
        if (colon + 6 > n || !isDigit(text.charAt(colon + 1)) || !isDigit(text.charAt(colon + 2))
                || text.charAt(colon + 3) != ':' || !isDigit(text.charAt(colon + 4)) || !isDigit(text.charAt(colon + 5))) {
            throw malformed(typeName, colon);
        }
        long minutes = (text.charAt(colon + 1) - '0') * 10 + (text.charAt(colon + 2) - '0');
        long seconds = (text.charAt(colon + 4) - '0') * 10 + (text.charAt(colon + 5) - '0');
        long fraction = 0;
        int i = colon + 6;
        if (i < n && text.charAt(i) == '.') {
            int digits = 0;
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                if (digits < 6) {
                    fraction = fraction * 10 + (text.charAt(i) - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                throw malformed(typeName, i);
            }
            for (; digits < 6; digits++) {
                fraction *= 10;
            }
        }
        if (i < n && text.charAt(i) != ' ') {
            throw malformed(typeName, i);
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + fraction;
    }

    private static int skipToSpace(String text, int i) {
        while (i < text.length() && text.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static ValueEncodingException malformed(String typeName, int at) {
        return ValueEncodingException.malformed(typeName, "not a postgres-style interval at character " + at);
    }
}
