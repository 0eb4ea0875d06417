package dev.sequin.sink;

import java.util.regex.Pattern;

/**
 * The rule for names of endpoints and sinks, as Sequin's: letters, digits, {@code _ - .}. Names
 * travel into metric tags, URLs and log lines, so nothing else (no spaces, quotes or SQL) is
 * accepted.
 */
public final class ResourceNames {

    public static final int MAX_LENGTH = 100;
    private static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9_\\-.]+$");

    private ResourceNames() {
    }

    /** Why {@code name} is not acceptable, or {@code null} when it is. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "can't be blank";
        }
        if (name.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (!VALID.matcher(name).matches()) {
            return "can only contain letters, digits, underscores, hyphens or periods (^[a-zA-Z0-9_\\-.]+$)";
        }
        return null;
    }
}
