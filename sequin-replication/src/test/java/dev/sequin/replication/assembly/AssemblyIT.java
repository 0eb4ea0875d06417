package dev.sequin.replication.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assembler against real slots: schema changes mid-stream, TOAST, annotations and heartbeats. */
class AssemblyIT {

    @Test
    void relationCacheFollowsColumnChangesAndTablesAddedToThePublication() throws Exception {
        try (LogicalSlot slot = new LogicalSlot("assembly_schema", "TABLE t",
                "CREATE TABLE t (id int PRIMARY KEY, a text)", "CREATE TABLE later (id int PRIMARY KEY, v int)")) {
            slot.execute("INSERT INTO t VALUES (1, 'x')",
                    "ALTER TABLE t ADD COLUMN b int DEFAULT 5", "INSERT INTO t VALUES (2, 'y', 6)",
                    "ALTER TABLE t RENAME COLUMN a TO a2", "INSERT INTO t VALUES (3, 'z', 7)",
                    "ALTER TABLE t DROP COLUMN b", "INSERT INTO t VALUES (4, 'w')",
                    "ALTER TABLE t ALTER COLUMN a2 TYPE int USING length(a2)", "INSERT INTO t VALUES (5, 9)",
                    "UPDATE t SET a2 = 10 WHERE id = 1",
                    "ALTER PUBLICATION " + slot.publication + " ADD TABLE later", "INSERT INTO later VALUES (1, 10)");

            slot.drain();

            assertThat(slot.listener.changes).extracting(ChangeMessage::recordJson).containsExactly(
                    "{\"id\":1,\"a\":\"x\"}",
                    "{\"id\":2,\"a\":\"y\",\"b\":6}",
                    "{\"id\":3,\"a2\":\"z\",\"b\":7}",
                    "{\"id\":4,\"a2\":\"w\"}",
                    "{\"id\":5,\"a2\":9}",
                    "{\"id\":1,\"a2\":10}",
                    "{\"id\":1,\"v\":10}");
            assertThat(slot.listener.changes.get(6).table()).isEqualTo(new TableName("public", "later"));
        }
    }

    @Test
    void untouchedToastValueIsTheSentinelUnderDefaultAndTheOldValueUnderFull() throws Exception {
        try (LogicalSlot slot = new LogicalSlot("assembly_toast", "TABLE docs",
                "CREATE TABLE docs (id int PRIMARY KEY, title text, body text)",
                "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL")) {
            slot.execute("INSERT INTO docs SELECT 1, 'first', string_agg(md5(g::text), '') FROM generate_series(1, 300) g",
                    "UPDATE docs SET title = 'second'",
                    "ALTER TABLE docs REPLICA IDENTITY FULL",
                    "UPDATE docs SET title = 'third'");
            String body = slot.query("SELECT body FROM docs");

            slot.drain();

            List<ChangeMessage> changes = slot.listener.changes;
            assertThat(changes).hasSize(3);
            assertThat(changes.get(1).recordJson()).isEqualTo("{\"id\":1,\"title\":\"second\",\"body\":\"unchanged_toast\"}");
            assertThat(changes.get(1).changesJson()).isEqualTo("{}");
            assertThat(changes.get(2).recordJson()).isEqualTo("{\"id\":1,\"title\":\"third\",\"body\":\"" + body + "\"}");
            assertThat(changes.get(2).changesJson()).isEqualTo("{\"title\":\"second\"}");
            assertThat(changes.get(2).recordPks()).as("primary key from pg_index under FULL").containsExactly("1");
            TableName docs = new TableName("public", "docs");
            assertThat(slot.listener.warnings).containsExactly(
                    new HealthWarning(HealthWarning.Kind.REPLICA_IDENTITY_NOT_FULL, docs),
                    new HealthWarning(HealthWarning.Kind.TOAST_COLUMNS_DETECTED, docs));
        }
    }

    @Test
    void annotationsApplyToTheFollowingChangesAndMessagesTakeAnIndex() throws Exception {
        try (LogicalSlot slot = new LogicalSlot("assembly_annotations", "TABLE t", "CREATE TABLE t (id int PRIMARY KEY, v text)")) {
            slot.execute("BEGIN; INSERT INTO t VALUES (1, 'a');"
                            + " SELECT pg_logical_emit_message(true, 'sequin:transaction_annotations.set', '{\"user\": \"ann\", \"n\": 1}');"
                            + " INSERT INTO t VALUES (2, 'b');"
                            + " SELECT pg_logical_emit_message(true, 'sequin.heartbeat.1', '{}');"
                            + " UPDATE t SET v = 'c' WHERE id = 2;"
                            + " SELECT pg_logical_emit_message(true, 'sequin:transaction_annotations.set', 'not json');"
                            + " DELETE FROM t WHERE id = 1; COMMIT",
                    "INSERT INTO t VALUES (3, 'd')",
                    "SELECT pg_logical_emit_message(false, 'sequin.heartbeat.1', 'x')",
                    // Non-transactional messages are decodable once WAL is flushed past them: a commit does that.
                    "INSERT INTO t VALUES (4, 'e')");

            slot.drain();

            assertThat(slot.listener.events).containsExactly("insert#0", "message:sequin:transaction_annotations.set", "insert#2",
                    "message:sequin.heartbeat.1", "update#4", "message:sequin:transaction_annotations.set", "delete#6", "commit",
                    "insert#0", "commit", "message:sequin.heartbeat.1", "insert#0", "commit");
            assertThat(slot.listener.changes).extracting(ChangeMessage::transactionAnnotationsJson)
                    .containsExactly(null, "{\"user\":\"ann\",\"n\":1}", "{\"user\":\"ann\",\"n\":1}", null, null, null);
            assertThat(slot.listener.warnings).contains(new HealthWarning(HealthWarning.Kind.INVALID_TRANSACTION_ANNOTATION, null));
            ChangeMessage first = slot.listener.changes.get(0);
            assertThat(slot.listener.commits.get(0).commitLsn()).isEqualTo(first.commitLsn());
            assertThat(slot.listener.logicalMessages.get(1).commitLsn()).as("transactional heartbeat").isEqualTo(first.commitLsn());
            assertThat(slot.listener.logicalMessages.get(3).commitLsn()).as("non-transactional heartbeat").isNull();
        }
    }
}
