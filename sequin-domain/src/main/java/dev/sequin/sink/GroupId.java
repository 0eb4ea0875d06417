package dev.sequin.sink;

import dev.sequin.message.ChangeMessage;
import java.util.List;
import java.util.StringJoiner;

/**
 * A message's group within its sink and table (contract §6.3): at most one message or batch of a
 * group is in flight, and a group's messages leave in commit order. Pure; no I/O.
 */
public final class GroupId {

    /** The group id of a message that belongs to no group: it is ordered with nothing. */
    public static final String NONE = "";

    private GroupId() {
    }

    /**
     * The group id of {@code message} for {@code sink}:
     * <ul>
     *   <li>{@code ""} when the sink's message grouping is off;</li>
     *   <li>when the sink names group columns for the message's table, those columns' text values
     *       joined with {@code ":"} (a NULL or missing column contributes {@code ""}; for deletes
     *       the values come from the old tuple, which is the message's record image);</li>
     *   <li>otherwise {@code record_pks} joined with {@code ":"}, which is {@code ""} (no group)
     *       for a table without a primary key.</li>
     * </ul>
     */
    public static String of(SinkSpec sink, ChangeMessage message) {
        if (!sink.messageGrouping()) {
            return NONE;
        }
        List<String> columns = sink.groupColumns().get(message.table());
        if (columns == null || columns.isEmpty()) {
            return String.join(":", message.recordPks());
        }
        StringJoiner id = new StringJoiner(":");
        for (String column : columns) {
            String value = message.columnText(column);
            id.add(value == null ? "" : value);
        }
        return id.toString();
    }
}
