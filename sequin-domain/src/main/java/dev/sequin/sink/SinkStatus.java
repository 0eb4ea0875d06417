package dev.sequin.sink;

/**
 * Whether a sink delivers (contract §6.5). {@code PAUSED} captures and buffers without delivering;
 * {@code DISABLED} is detached from the slot, and its changes are not captured.
 */
public enum SinkStatus {
    ACTIVE("active"),
    PAUSED("paused"),
    DISABLED("disabled");

    private final String wireName;

    SinkStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in the API and {@code sequin.yaml}. */
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for anything but active, paused or disabled */
    public static SinkStatus fromWireName(String name) {
        for (SinkStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown sink status: " + name);
    }
}
