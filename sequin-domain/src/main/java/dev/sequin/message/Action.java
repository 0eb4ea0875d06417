package dev.sequin.message;

/** What happened to a row, as carried in the message's {@code action} key. */
public enum Action {
    INSERT("insert"),
    UPDATE("update"),
    DELETE("delete"),
    /** A row read by a backfill rather than changed in the WAL. */
    READ("read");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in JSON, the API and {@code sequin.yaml}. */
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for anything but insert, update, delete or read */
    public static Action fromWireName(String name) {
        for (Action action : values()) {
            if (action.wireName.equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("Unknown action: " + name);
    }
}
