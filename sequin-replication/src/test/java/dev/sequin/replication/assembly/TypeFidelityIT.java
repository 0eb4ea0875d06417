package dev.sequin.replication.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.Action;
import dev.sequin.message.ChangeMessage;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every type of contract §1.8, and arrays of them, through a real slot → decoder → assembler,
 * compared value by value with what Postgres itself computes for the same row (see
 * {@link FidelityColumns}). Comparison happens in Postgres as jsonb, so numbers compare as numbers
 * and a failure lists exactly the columns that differ.
 */
class TypeFidelityIT {

    private static final String TABLE = "fidelity";

    @ParameterizedTest(name = "replica identity {0}, session TimeZone {1}")
    @CsvSource({"DEFAULT, UTC", "FULL, America/St_Johns"})
    void insertUpdateAndDeleteCarryEveryValueAsPostgresSeesIt(String identity, String timeZone) throws SQLException {
        boolean full = identity.equals("FULL");
        try (LogicalSlot slot = new LogicalSlot("type_fidelity", "TABLE " + TABLE, FidelityColumns.SETUP_TYPES,
                FidelityColumns.createTable(TABLE, identity))) {
            slot.timeZone(timeZone);
            slot.execute("BEGIN; " + FidelityColumns.insert(TABLE, 1, false) + "; " + FidelityColumns.insert(TABLE, 2, true) + "; COMMIT");
            String inserted1 = expected(slot, 1);
            String inserted2 = expected(slot, 2);
            slot.execute(FidelityColumns.updateAll(TABLE, 1));
            String updated = expected(slot, 1);
            slot.execute("UPDATE " + TABLE + " SET c_int4 = 1, c_text = 'changed' WHERE id = 1");
            String updatedAgain = expected(slot, 1);
            slot.execute("BEGIN; DELETE FROM " + TABLE + " WHERE id = 1; DELETE FROM " + TABLE + " WHERE id = 2; COMMIT");

            slot.drain();

            assertThat(slot.listener.unencodable).isEmpty();
            List<ChangeMessage> changes = slot.listener.changes;
            assertThat(changes).extracting(ChangeMessage::action).containsExactly(Action.INSERT, Action.INSERT, Action.UPDATE,
                    Action.UPDATE, Action.DELETE, Action.DELETE);
            assertThat(changes).extracting(ChangeMessage::commitIdx).containsExactly(0, 1, 0, 0, 0, 1);
            assertThat(changes).extracting(ChangeMessage::recordPks)
                    .containsExactly(List.of("1"), List.of("2"), List.of("1"), List.of("1"), List.of("1"), List.of("2"));

            assertSameJson(slot, "insert of row 1", changes.get(0).recordJson(), inserted1);
            assertSameJson(slot, "insert of an all-NULL row", changes.get(1).recordJson(), inserted2);
            assertThat(changes.get(0).changesJson()).isNull();
            assertSameJson(slot, "update of every column", changes.get(2).recordJson(), updated);
            assertSameJson(slot, "update of two columns", changes.get(3).recordJson(), updatedAgain);
            if (full) {
                assertSameJson(slot, "changes of the update of every column", changes.get(2).changesJson(), changedOldValues(slot, inserted1, updated));
                assertSameJson(slot, "changes of the update of two columns", changes.get(3).changesJson(), changedOldValues(slot, updated, updatedAgain));
                assertThat(changes.get(3).changesJson()).contains("\"c_int4\"", "\"c_text\"");
                assertSameJson(slot, "delete of row 1 (FULL)", changes.get(4).recordJson(), updatedAgain);
                assertSameJson(slot, "delete of row 2 (FULL)", changes.get(5).recordJson(), inserted2);
            } else {
                assertThat(changes.get(2).changesJson()).isEqualTo("{}");
                assertThat(changes.get(3).changesJson()).isEqualTo("{}");
                assertSameJson(slot, "delete of row 1 (DEFAULT)", changes.get(4).recordJson(), keyOnly(slot, updatedAgain));
                assertSameJson(slot, "delete of row 2 (DEFAULT)", changes.get(5).recordJson(), keyOnly(slot, inserted2));
            }
            assertThat(changes.get(4).changesJson()).isNull();
            assertThat(slot.listener.commits).hasSize(4);
        }
    }

    private static String expected(LogicalSlot slot, int id) throws SQLException {
        String json = slot.query(FidelityColumns.expectedQuery(TABLE), Integer.toString(id));
        assertThat(json).as("expected JSON of row %d", id).isNotNull();
        return json;
    }

    /** The old value of each column whose value changed, as Sequin's {@code changes}. */
    private static String changedOldValues(LogicalSlot slot, String before, String after) throws SQLException {
        return slot.query("SELECT coalesce(jsonb_object_agg(o.key, o.value), '{}')::text FROM jsonb_each(?::jsonb) o "
                + "JOIN jsonb_each(?::jsonb) n USING (key) WHERE o.value IS DISTINCT FROM n.value", before, after);
    }

    /** Under DEFAULT a delete carries the key: every other column is null. */
    private static String keyOnly(LogicalSlot slot, String row) throws SQLException {
        return slot.query("SELECT jsonb_object_agg(key, CASE WHEN key = 'id' THEN value ELSE 'null'::jsonb END)::text "
                + "FROM jsonb_each(?::jsonb)", row);
    }

    /** Compares in Postgres as jsonb; a failure names each differing column with both values. */
    private static void assertSameJson(LogicalSlot slot, String what, String ours, String postgres) throws SQLException {
        String diff = slot.query("SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('ours', o.value, 'postgres', e.value)), "
                + "'{}')::text FROM jsonb_each(?::jsonb) o FULL JOIN jsonb_each(?::jsonb) e USING (key) "
                + "WHERE o.value IS DISTINCT FROM e.value", ours, postgres);
        assertThat(diff).as("%s: columns whose JSON differs from what Postgres says", what).isEqualTo("{}");
    }
}
