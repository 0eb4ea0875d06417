package dev.sequin.replication.pgoutput;

/**
 * The bytes are not a pgoutput protocol version 1 message we can decode. The stream cannot
 * continue past such a message, so this is unchecked: the slot reader stops and reports it.
 */
public final class PgOutputProtocolException extends RuntimeException {

    private PgOutputProtocolException(String message) {
        super(message);
    }

    static PgOutputProtocolException unknownMessageType(byte type) {
        String name = switch (type) {
            case 'S' -> " (Stream Start; request proto_version 1 without 'streaming')";
            case 'E' -> " (Stream Stop)";
            case 'c' -> " (Stream Commit)";
            case 'A' -> " (Stream Abort)";
            case 'b', 'P', 'K', 'r', 's' -> " (two-phase commit; not requested in protocol version 1)";
            default -> "";
        };
        return new PgOutputProtocolException(String.format("Unknown pgoutput message type '%s' (0x%02x)%s",
                printable(type), type & 0xff, name));
    }

    static PgOutputProtocolException truncated(char type, int needed, int offset, int length) {
        return new PgOutputProtocolException("Truncated pgoutput '" + type + "' message: needed " + needed
                + " more byte(s) at offset " + offset + " of " + length);
    }

    static PgOutputProtocolException unexpected(char type, String what, int offset) {
        return new PgOutputProtocolException("Malformed pgoutput '" + type + "' message at offset " + offset + ": " + what);
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : "?";
    }
}
