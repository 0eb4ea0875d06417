package dev.sequin.replication.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.Action;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.TableName;
import dev.sequin.replication.pgoutput.PgOutputFixtures;
import dev.sequin.replication.pgoutput.PgOutputMessage;
import dev.sequin.replication.types.EncodingOptions;
import dev.sequin.replication.types.TypeCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Assembles streams captured from a real PostgreSQL 15 (see {@code pgoutput/README.md}). */
class TransactionAssemblerTest {

    private static final TableName ITEMS = new TableName("public", "items");
    private static final TableName DOCS = new TableName("public", "docs");

    private final RecordingListener listener = new RecordingListener();
    private final List<Integer> primaryKeyLookups = new ArrayList<>();
    private final TransactionAssembler assembler = new TransactionAssembler(TypeCatalog.builtins(), relationId -> {
        primaryKeyLookups.add(relationId);
        return List.of("id");
    }, EncodingOptions.DEFAULTS, listener);

    @Test
    void insertCarriesTheNewRowAndTheTransactionPosition() {
        feed("insert");

        ChangeMessage insert = single();
        assertThat(insert.action()).isEqualTo(Action.INSERT);
        assertThat(insert.table()).isEqualTo(ITEMS);
        assertThat(insert.commitLsn()).isEqualTo(Lsn.parse("0/19554F8"));
        assertThat(insert.commitIdx()).isZero();
        assertThat(insert.recordJson()).isEqualTo("{\"id\":1,\"name\":\"Grüße 😀 日本\",\"note\":null,\"price\":\"12.50\",\"mood\":\"happy\"}");
        assertThat(insert.changesJson()).isNull();
        assertThat(insert.recordPks()).containsExactly("1");
        assertThat(insert.columnNames()).containsExactly("id", "name", "note", "price", "mood");
        assertThat(insert.columnTexts()).containsExactly("1", "Grüße 😀 日本", null, "12.50", "happy");
        assertThat(insert.transactionAnnotationsJson()).isNull();
        assertThat(listener.commits).containsExactly(new RecordingListener.Committed(Lsn.parse("0/19554F8"), Lsn.parse("0/1955528")));
        assertThat(listener.events).containsExactly("insert#0", "commit");
        assertThat(primaryKeyLookups).as("DEFAULT identity: key flags are the primary key").isEmpty();
    }

    @Test
    void updateWithoutOldRowHasEmptyChangesEvenWhenTheKeyChanged() {
        feed("update-default");

        assertThat(listener.changes).hasSize(2);
        ChangeMessage plain = listener.changes.get(0);
        assertThat(plain.recordJson()).isEqualTo("{\"id\":1,\"name\":\"plain\",\"note\":null,\"price\":null,\"mood\":\"happy\"}");
        assertThat(plain.changesJson()).isEqualTo("{}");
        ChangeMessage keyChange = listener.changes.get(1);
        assertThat(keyChange.recordJson()).startsWith("{\"id\":2,");
        assertThat(keyChange.changesJson()).isEqualTo("{}");
        assertThat(keyChange.recordPks()).containsExactly("2");
        assertThat(listener.warnings).containsExactly(new HealthWarning(HealthWarning.Kind.REPLICA_IDENTITY_NOT_FULL, ITEMS));
    }

    @Test
    void updateUnderFullIdentityListsTheOldValuesOfChangedColumnsOnly() {
        feed("update-full");

        ChangeMessage update = single();
        assertThat(update.recordJson()).isEqualTo("{\"id\":2,\"name\":\"plain\",\"note\":\"n\",\"price\":null,\"mood\":\"sad\"}");
        assertThat(update.changesJson()).isEqualTo("{\"note\":null,\"mood\":\"happy\"}");
        assertThat(update.recordPks()).as("FULL flags every column; the primary key comes from the catalog").containsExactly("2");
        assertThat(primaryKeyLookups).containsExactly(16393);
        assertThat(listener.warnings).isEmpty();
    }

    @Test
    void unchangedToastIsTheSentinelWithoutOldRowAndFilledFromIt() {
        feed("toast");

        assertThat(listener.changes).hasSize(3);
        String body = listener.changes.get(0).columnText("body");
        assertThat(body).hasSize(6400);

        ChangeMessage withoutOld = listener.changes.get(1);
        assertThat(withoutOld.recordJson()).isEqualTo("{\"id\":1,\"title\":\"second\",\"body\":\"unchanged_toast\"}");
        assertThat(withoutOld.changesJson()).isEqualTo("{}");
        assertThat(withoutOld.columnTexts()).containsExactly("1", "second", null);

        ChangeMessage full = listener.changes.get(2);
        assertThat(full.recordJson()).isEqualTo("{\"id\":1,\"title\":\"third\",\"body\":\"" + body + "\"}");
        assertThat(full.changesJson()).isEqualTo("{\"title\":\"second\"}");
        assertThat(full.columnText("body")).isEqualTo(body);
        assertThat(listener.warnings).containsExactly(
                new HealthWarning(HealthWarning.Kind.REPLICA_IDENTITY_NOT_FULL, DOCS),
                new HealthWarning(HealthWarning.Kind.TOAST_COLUMNS_DETECTED, DOCS));
        assertThat(assembler.healthWarnings()).hasSize(2);
    }

    @Test
    void deleteUnderDefaultHasKeyColumnsFilledAndUnderFullTheWholeOldRow() {
        feed("delete");

        List<ChangeMessage> deletes = listener.changes.stream().filter(c -> c.action() == Action.DELETE).toList();
        assertThat(deletes).hasSize(2);
        assertThat(deletes.get(0).recordJson()).isEqualTo("{\"id\":3,\"name\":null,\"note\":null,\"price\":null,\"mood\":null}");
        assertThat(deletes.get(0).changesJson()).isNull();
        assertThat(deletes.get(0).recordPks()).containsExactly("3");
        assertThat(deletes.get(1).recordJson()).isEqualTo("{\"id\":2,\"name\":\"plain\",\"note\":\"n\",\"price\":null,\"mood\":\"sad\"}");
        assertThat(deletes.get(1).recordPks()).containsExactly("2");
    }

    @Test
    void truncateProducesNoChangeButCountsForCommitIdx() {
        feed("truncate");

        assertThat(listener.events).containsExactly("insert#0", "commit", "commit", "commit");
        assertThat(assembler.tableOf(16408)).isEqualTo(new TableName("public", "other"));
    }

    @Test
    void annotationAppliesToTheFollowingChangeWhichGetsTheNextIndex() {
        feed("messages");

        ChangeMessage insert = single();
        assertThat(insert.commitIdx()).as("the annotation message took idx 0").isEqualTo(1);
        assertThat(insert.transactionAnnotationsJson()).isEqualTo("{\"who\":\"ünïcode\"}");
        assertThat(listener.events).containsExactly("message:sequin:transaction_annotations.set", "insert#1", "commit",
                "message:sequin.heartbeat.1");
        RecordingListener.Logical heartbeat = listener.logicalMessages.get(1);
        assertThat(SequinMessages.isHeartbeat(heartbeat.message())).isTrue();
        assertThat(heartbeat.commitLsn()).as("non-transactional").isNull();
        assertThat(listener.logicalMessages.get(0).commitLsn()).isEqualTo(insert.commitLsn());
    }

    @Test
    void originAndTypeMessagesProduceNothing() {
        feed("origin");

        assertThat(listener.events).containsExactly("insert#0", "commit");
        assertThat(single().recordJson()).isEqualTo("{\"id\":2,\"v\":\"from origin\"}");
    }

    @Test
    void idempotencyKeyFollowsTheContract() {
        feed("insert");

        ChangeMessage insert = single();
        String raw = Long.toUnsignedString(Lsn.parse("0/19554F8").value()) + ":0";
        assertThat(new String(java.util.Base64.getDecoder().decode(insert.idempotencyKey()))).isEqualTo(raw);
    }

    private void feed(String fixture) {
        for (PgOutputMessage message : PgOutputFixtures.decoded(fixture)) {
            assembler.accept(message);
        }
        assertThat(listener.unencodable).isEmpty();
    }

    private ChangeMessage single() {
        assertThat(listener.changes).hasSize(1);
        return listener.changes.get(0);
    }
}
