package dev.sequin.app.pull;

import dev.sequin.app.api.ApiProblem;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a receive (contract §3), from the query string (GET) or the JSON body (POST),
 * validated with Sequin's exact error texts.
 *
 * @param batchSize most messages to hand out, 1–1000 (default 1)
 * @param waitFor   how long to wait for the first message; zero = answer at once (the default)
 */
record ReceiveRequest(int batchSize, Duration waitFor) {

    static final String BAD_BATCH_SIZE =
            "Invalid `max_batch_size`. `max_batch_size` must be an integer between 1 and 1000.";
    static final String WAIT_FOR_OUT_OF_RANGE = "Invalid `wait_for`. Must be between 500 and 300,000 milliseconds, "
            + "or use duration format like '60s', '5m', '1000ms'.";
    static final String BAD_DURATION =
            "Invalid `wait_for`. When using duration strings, format must be like '60s', '5m', or '1000ms'.";

    private static final Pattern DURATION = Pattern.compile("^(\\d+)(ms|s|m)?$");
    private static final long MIN_WAIT_MS = 500;
    private static final long MAX_WAIT_MS = 300_000;

    /**
     * @param batchSize {@code batch_size}, else its deprecated alias {@code max_batch_size}: an
     *                  integer (JSON number) or its decimal text; {@code null} when absent
     * @param waitFor   {@code wait_for}: an integer of milliseconds or a duration string; {@code null} when absent
     */
    static ReceiveRequest of(Object batchSize, Object waitFor) {
        return new ReceiveRequest(batchSize(batchSize), waitFor(waitFor));
    }

    private static int batchSize(Object value) {
        if (value == null) {
            return 1;
        }
        long n;
        if (value instanceof Number number && isIntegral(number)) {
            n = number.longValue();
        } else if (value instanceof String text && text.matches("\\d{1,9}")) {
            n = Long.parseLong(text);
        } else {
            throw ApiProblem.badRequest(BAD_BATCH_SIZE);
        }
        if (n < 1 || n > 1000) {
            throw ApiProblem.badRequest(BAD_BATCH_SIZE);
        }
        return (int) n;
    }

    private static Duration waitFor(Object value) {
        if (value == null) {
            return Duration.ZERO;
        }
        long millis;
        if (value instanceof Number number) {
            if (!isIntegral(number)) {
                throw ApiProblem.badRequest(WAIT_FOR_OUT_OF_RANGE);
            }
            millis = number.longValue();
        } else if (value instanceof String text) {
            millis = parseDuration(text.trim());
        } else {
            throw ApiProblem.badRequest(BAD_DURATION);
        }
        if (millis < MIN_WAIT_MS || millis > MAX_WAIT_MS) {
            throw ApiProblem.badRequest(WAIT_FOR_OUT_OF_RANGE);
        }
        return Duration.ofMillis(millis);
    }

    /** {@code "60s"}, {@code "5m"}, {@code "1000ms"}; bare digits are milliseconds. */
    private static long parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || m.group(1).length() > 9) {
            throw ApiProblem.badRequest(text.matches("\\d+") ? WAIT_FOR_OUT_OF_RANGE : BAD_DURATION);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount;
        };
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof java.math.BigInteger
                || (number.doubleValue() == Math.rint(number.doubleValue()) && !Double.isInfinite(number.doubleValue()));
    }
}
