package dev.sequin.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.Action;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.TableName;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupIdTest {

    private static final TableName ORDERS = new TableName("public", "orders");
    private static final TableName ITEMS = new TableName("public", "order_items");

    @Test
    void defaultGroupIsTheRecordPksJoinedWithColons() {
        ChangeMessage message = change(ORDERS, Action.INSERT, List.of("7", "abc"), "7", "abc", "acme");
        assertThat(GroupId.of(SinkSpecs.grouped(Map.of()), message)).isEqualTo("7:abc");
    }

    @Test
    void singlePrimaryKeyIsItsTextForm() {
        ChangeMessage message = change(ORDERS, Action.UPDATE, List.of("42"), "42", "x", "acme");
        assertThat(GroupId.of(SinkSpecs.grouped(Map.of()), message)).isEqualTo("42");
    }

    @Test
    void tableWithoutPrimaryKeyHasNoGroup() {
        ChangeMessage message = change(ORDERS, Action.INSERT, List.of(), "1", "x", "acme");
        assertThat(GroupId.of(SinkSpecs.grouped(Map.of()), message)).isEqualTo(GroupId.NONE);
    }

    @Test
    void groupColumnsReplaceThePrimaryKeyInTheirOrder() {
        SinkSpec sink = SinkSpecs.grouped(Map.of(ORDERS, List.of("tenant", "id")));
        ChangeMessage message = change(ORDERS, Action.INSERT, List.of("7"), "7", "x", "acme");
        assertThat(GroupId.of(sink, message)).isEqualTo("acme:7");
    }

    @Test
    void groupColumnsApplyOnlyToTheirTable() {
        SinkSpec sink = SinkSpecs.grouped(Map.of(ORDERS, List.of("tenant")));
        ChangeMessage item = change(ITEMS, Action.INSERT, List.of("9"), "9", "x", "acme");
        assertThat(GroupId.of(sink, item)).isEqualTo("9");
    }

    @Test
    void nullGroupColumnValueContributesAnEmptyString() {
        SinkSpec sink = SinkSpecs.grouped(Map.of(ORDERS, List.of("tenant", "id")));
        ChangeMessage message = change(ORDERS, Action.INSERT, List.of("7"), "7", "x", null);
        assertThat(GroupId.of(sink, message)).isEqualTo(":7");
    }

    @Test
    void deleteGroupsByItsOldTuple() {
        SinkSpec sink = SinkSpecs.grouped(Map.of(ORDERS, List.of("tenant")));
        // For deletes the message's column texts are the old image (ChangeMessage contract).
        ChangeMessage delete = change(ORDERS, Action.DELETE, List.of("7"), "7", null, "old-tenant");
        assertThat(GroupId.of(sink, delete)).isEqualTo("old-tenant");
    }

    @Test
    void groupingOffMeansNoGroupEvenWithAPrimaryKey() {
        SinkSpec sink = SinkSpecs.spec(false, Map.of());
        ChangeMessage message = change(ORDERS, Action.INSERT, List.of("7"), "7", "x", "acme");
        assertThat(GroupId.of(sink, message)).isEqualTo("");
    }

    private static ChangeMessage change(TableName table, Action action, List<String> pks, String id, String status,
                                        String tenant) {
        return new ChangeMessage(action, table, Lsn.of(100), 0, 0L, List.of("id", "status", "tenant"),
                Arrays.asList(id, status, tenant), "{}", null, pks, null);
    }
}
