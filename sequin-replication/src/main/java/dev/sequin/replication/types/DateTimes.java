package dev.sequin.replication.types;

import dev.sequin.message.JsonText;

import java.time.LocalDateTime;

/**
 * Date/time text ({@code DateStyle=ISO}) to Sequin's JSON strings (contract §1.8).
 *
 * <ul>
 *   <li>{@code timestamp} {@code 2024-10-28 21:37:01.12747} → {@code 2024-10-28T21:37:01.127470}</li>
 *   <li>{@code timestamptz} {@code 2024-10-28 23:37:01.12747+02} → {@code 2024-10-28T21:37:01.127470Z}:
 *       any offset, with or without minutes and seconds, is normalised to UTC</li>
 *   <li>{@code time}, {@code timetz} {@code 21:37:01.5+02} → {@code 21:37:01}: Sequin casts both
 *       to Ecto's {@code :time}, which drops the fraction, and Elixir's time parser discards the
 *       offset without applying it. We keep that for compatibility, lossy as it is.</li>
 * </ul>
 *
 * Anything else ({@code infinity}, {@code -infinity}, BC dates, years past 9999, {@code 24:00:00})
 * is passed through as the raw Postgres text, which is also what Sequin does when its cast fails.
 */
final class DateTimes {

    private DateTimes() {
    }

    static void appendTimestamp(StringBuilder out, String text, boolean withZone) {
        // yyyy-mm-dd hh:mm:ss = 19 characters, then an optional fraction, then (tz) an offset.
        int n = text.length();
        if (n < 19 || !isDigits(text, 0, 4) || text.charAt(4) != '-' || !isDigits(text, 5, 2) || text.charAt(7) != '-'
                || !isDigits(text, 8, 2) || text.charAt(10) != ' ' || !isClock(text, 11)) {
            JsonText.appendString(out, text);
            return;
        }
        int i = 19;
        int fractionStart = i;
        int fractionEnd = i;
        if (i < n && text.charAt(i) == '.') {
            fractionStart = i + 1;
            fractionEnd = fractionStart;
            while (fractionEnd < n && isDigit(text.charAt(fractionEnd))) {
                fractionEnd++;
            }
            if (fractionEnd == fractionStart || fractionEnd - fractionStart > 6) {
                JsonText.appendString(out, text);
                return;
            }
            i = fractionEnd;
        }
        int offsetSeconds = 0;
        if (withZone) {
            offsetSeconds = parseOffset(text, i);
            if (offsetSeconds == Integer.MIN_VALUE) {
                JsonText.appendString(out, text);
                return;
            }
        } else if (i != n) {
            JsonText.appendString(out, text); // " BC"
            return;
        }
        if (offsetSeconds == 0) {
            out.append('"').append(text, 0, 10).append('T').append(text, 11, 19);
        } else {
            LocalDateTime utc = LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
                    number(text, 11, 2), number(text, 14, 2), number(text, 17, 2)).minusSeconds(offsetSeconds);
            if (utc.getYear() < 1 || utc.getYear() > 9999) {
                JsonText.appendString(out, text);
                return;
            }
            out.append('"');
            pad(out, utc.getYear(), 4).append('-');
            pad(out, utc.getMonthValue(), 2).append('-');
            pad(out, utc.getDayOfMonth(), 2).append('T');
            pad(out, utc.getHour(), 2).append(':');
            pad(out, utc.getMinute(), 2).append(':');
            pad(out, utc.getSecond(), 2);
        }
        out.append('.').append(text, fractionStart, fractionEnd);
        for (int k = fractionEnd - fractionStart; k < 6; k++) {
            out.append('0');
        }
        out.append(withZone ? "Z\"" : "\"");
    }

    /** {@code time} and {@code timetz}: {@code hh:mm:ss}, fraction and offset dropped (see class doc). */
    static void appendTime(StringBuilder out, String text) {
        if (text.length() >= 8 && isClock(text, 0) && number(text, 0, 2) < 24) {
            out.append('"').append(text, 0, 8).append('"');
        } else {
            JsonText.appendString(out, text);
        }
    }

    /**
     * Seconds east of UTC for {@code ±hh[:mm[:ss]]} at {@code i} running to the end of the text,
     * or {@link Integer#MIN_VALUE} if that is not what is there.
     */
    private static int parseOffset(String text, int i) {
        int n = text.length();
        if (i + 3 > n || (text.charAt(i) != '+' && text.charAt(i) != '-') || !isDigits(text, i + 1, 2)) {
            return Integer.MIN_VALUE;
        }
        int sign = text.charAt(i) == '-' ? -1 : 1;
        int seconds = number(text, i + 1, 2) * 3600;
        i += 3;
        for (int unit = 60; unit >= 1 && i < n; unit /= 60) {
            if (i + 3 > n || text.charAt(i) != ':' || !isDigits(text, i + 1, 2)) {
                return Integer.MIN_VALUE;
            }
            seconds += number(text, i + 1, 2) * unit;
            i += 3;
        }
        return i == n ? sign * seconds : Integer.MIN_VALUE;
    }

    /** {@code hh:mm:ss} at {@code i}. */
    private static boolean isClock(String text, int i) {
        return text.length() >= i + 8 && isDigits(text, i, 2) && text.charAt(i + 2) == ':' && isDigits(text, i + 3, 2)
                && text.charAt(i + 5) == ':' && isDigits(text, i + 6, 2);
    }

    private static boolean isDigits(String text, int from, int count) {
        for (int k = from; k < from + count; k++) {
            if (!isDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String text, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            v = v * 10 + text.charAt(k) - '0';
        }
        return v;
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int k = digits.length(); k < width; k++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
