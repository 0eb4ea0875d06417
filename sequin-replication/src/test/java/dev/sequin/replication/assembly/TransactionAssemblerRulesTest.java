package dev.sequin.replication.assembly;

import static dev.sequin.replication.pgoutput.Messages.UNCHANGED;
import static dev.sequin.replication.pgoutput.Messages.begin;
import static dev.sequin.replication.pgoutput.Messages.commit;
import static dev.sequin.replication.pgoutput.Messages.message;
import static dev.sequin.replication.pgoutput.Messages.relation;
import static dev.sequin.replication.pgoutput.Messages.tuple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.TableName;
import dev.sequin.replication.pgoutput.PgOutputMessage.Delete;
import dev.sequin.replication.pgoutput.PgOutputMessage.Insert;
import dev.sequin.replication.pgoutput.PgOutputMessage.Truncate;
import dev.sequin.replication.pgoutput.PgOutputMessage.Update;
import dev.sequin.replication.types.EncodingOptions;
import dev.sequin.replication.types.NumericFormat;
import dev.sequin.replication.types.TypeCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules checked on built message sequences: indexes, annotations, schema changes, failures. */
class TransactionAssemblerRulesTest {

    private static final int T = 100;
    private static final int INT4 = 23, TEXT = 25, JSONB = 3802, JSON = 114, NUMERIC = 1700;

    private final RecordingListener listener = new RecordingListener();
    private final TransactionAssembler assembler = new TransactionAssembler(TypeCatalog.builtins(),
            relationId -> List.of("id"), EncodingOptions.DEFAULTS, listener);

    @Test
    void commitIdxCountsEveryChangeTruncateAndTransactionalMessageAndRestartsAtBegin() {
        feed(begin(1000), relation(T, "t", 'd', "id:23:key", "v:25"),
                message(true, "sequin.heartbeat.1", "{}"),
                new Insert(T, tuple("1", "a")),
                new Truncate(0, new int[] {T}),
                message(false, "other", "x"),
                new Update(T, Update.NO_OLD_TUPLE, null, tuple("1", "b")),
                message(true, "sequin.backfill-batch.high-watermark", "{}"),
                new Delete(T, 'K', tuple("1", null)),
                commit(1000),
                begin(2000), new Insert(T, tuple("2", "c")), commit(2000));

        assertThat(listener.events).containsExactly("message:sequin.heartbeat.1", "insert#1", "message:other", "update#3",
                "message:sequin.backfill-batch.high-watermark", "delete#5", "commit", "insert#0", "commit");
        assertThat(listener.changes).extracting(c -> c.commitLsn().value()).containsExactly(1000L, 1000L, 1000L, 2000L);
    }

    @Test
    void annotationsAreSetOverwrittenClearedAndEndWithTheTransaction() {
        feed(begin(1000), relation(T, "t", 'd', "id:23:key", "v:25"),
                new Insert(T, tuple("1", "a")),
                message(true, "sequin:transaction_annotations.set", "{\"user\": \"ann\"}"),
                new Insert(T, tuple("2", "a")),
                message(true, "sequin:transaction_annotations.set", "{\"user\": \"bob\"}"),
                new Insert(T, tuple("3", "a")),
                message(false, "sequin:transaction_annotations.set", "{\"ignored\": true}"),
                new Insert(T, tuple("4", "a")),
                message(true, "sequin:transaction_annotations.clear", ""),
                new Insert(T, tuple("5", "a")),
                message(true, "sequin:transaction_annotations.set", "{\"user\": \"cat\"}"),
                commit(1000),
                begin(2000), new Insert(T, tuple("6", "a")), commit(2000));

        assertThat(listener.changes).extracting(ChangeMessage::transactionAnnotationsJson)
                .containsExactly(null, "{\"user\":\"ann\"}", "{\"user\":\"bob\"}", "{\"user\":\"bob\"}", null, null);
        assertThat(listener.warnings).isEmpty();
    }

    @Test
    void invalidAnnotationsAreNullWithAWarning() {
        feed(begin(1000), relation(T, "t", 'd', "id:23:key", "v:25"),
                message(true, "sequin:transaction_annotations.set", "{\"user\": \"ann\"}"),
                message(true, "sequin:transaction_annotations.set", "{not json"),
                new Insert(T, tuple("1", "a")),
                message(true, "sequin:transaction_annotations.set", "[1, 2]"),
                new Insert(T, tuple("2", "a")),
                commit(1000));

        assertThat(listener.changes).extracting(ChangeMessage::transactionAnnotationsJson).containsExactly(null, null);
        assertThat(listener.warnings).hasSize(2)
                .allMatch(w -> w.kind() == HealthWarning.Kind.INVALID_TRANSACTION_ANNOTATION);
    }

    @Test
    void relationMessagesReplaceTheShapeMidStream() {
        feed(begin(1000), relation(T, "t", 'd', "id:23:key", "v:25"), new Insert(T, tuple("1", "a")),
                relation(T, "t", 'd', "id:23:key", "v:25", "extra:23"), new Insert(T, tuple("2", "b", "7")),
                relation(T, "renamed", 'd', "id:23:key", "w:23"), new Insert(T, tuple("3", "8")),
                relation(T + 1, "new_table", 'd', "k:25:key"), new Insert(T + 1, tuple("x")),
                commit(1000));

        assertThat(listener.changes).extracting(ChangeMessage::recordJson).containsExactly(
                "{\"id\":1,\"v\":\"a\"}", "{\"id\":2,\"v\":\"b\",\"extra\":7}", "{\"id\":3,\"w\":8}", "{\"k\":\"x\"}");
        assertThat(listener.changes.get(2).table()).isEqualTo(new TableName("public", "renamed"));
        assertThat(listener.changes.get(3).recordPks()).containsExactly("x");
    }

    @Test
    void fullIdentityChangesSkipUnchangedToastAndTreatReformattedJsonAsEqual() {
        feed(begin(1000), relation(T, "t", 'f', "id:23:key", "doc:3802:key", "raw:114:key", "big:25:key", "n:25:key"),
                new Update(T, 'O', tuple("1", "{\"a\": 1}", "{\"a\":1}", "old big", null),
                        tuple("1", "{\"a\": 1}", "{\"a\":  1}", UNCHANGED, "now set")),
                commit(1000));

        ChangeMessage update = listener.changes.get(0);
        assertThat(update.changesJson()).isEqualTo("{\"n\":null}");
        assertThat(update.recordJson()).isEqualTo("{\"id\":1,\"doc\":{\"a\":1},\"raw\":{\"a\":1},\"big\":\"old big\",\"n\":\"now set\"}");
        assertThat(listener.warnings).isEmpty();
    }

    @Test
    void aValueThatCannotBeEncodedDeadLettersTheRowButNotTheStream() {
        feed(begin(1000), relation(T, "t", 'f', "id:23:key", "doc:114:key"),
                new Insert(T, tuple("1", "{\"ok\": true}")),
                new Update(T, 'O', tuple("1", "{\"ok\": true}"), tuple("1", "{broken")),
                new Insert(T, tuple("2", "[]")),
                commit(1000));

        assertThat(listener.events).containsExactly("insert#0", "unencodable#1", "insert#2", "commit");
        RecordingListener.Unencodable bad = listener.unencodable.get(0);
        assertThat(bad.failure().column()).isEqualTo("doc");
        assertThat(bad.failure().typeName()).isEqualTo("json");
        assertThat(bad.failure().reason()).startsWith("Invalid json value").doesNotContain("broken");
        assertThat(bad.change().recordJson()).isEqualTo("{\"id\":1,\"doc\":\"{broken\"}");
        assertThat(bad.change().changesJson()).isEqualTo("{\"doc\":{\"ok\":true}}");
    }

    @Test
    void numericFollowsTheConfiguredFormat() {
        TransactionAssembler asNumbers = new TransactionAssembler(TypeCatalog.builtins(), relationId -> List.of(),
                new EncodingOptions(NumericFormat.NUMBER), listener);
        asNumbers.accept(begin(1000));
        asNumbers.accept(relation(T, "t", 'd', "price:1700"));
        asNumbers.accept(new Insert(T, tuple("12.50")));

        assertThat(listener.changes.get(0).recordJson()).isEqualTo("{\"price\":12.50}");
        assertThat(listener.changes.get(0).recordPks()).isEmpty();
    }

    @Test
    void primaryKeyUnderFullIdentityComesFromTheCatalogInAttnumOrder() {
        TransactionAssembler composite = new TransactionAssembler(TypeCatalog.builtins(), relationId -> List.of("a", "c"),
                EncodingOptions.DEFAULTS, listener);
        composite.accept(begin(1000));
        composite.accept(relation(T, "t", 'f', "a:23:key", "b:25:key", "c:25:key"));
        composite.accept(new Delete(T, 'O', tuple("1", "x", "z")));

        assertThat(listener.changes.get(0).recordPks()).containsExactly("1", "z");
    }

    @Test
    void outOfStepStreamsAreRejected() {
        assertThatThrownBy(() -> assembler.accept(new Insert(T, tuple("1"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a transaction");
        assembler.accept(begin(1000));
        assertThatThrownBy(() -> assembler.accept(new Insert(T, tuple("1"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before its Relation message");
        assembler.accept(relation(T, "t", 'd', "id:23:key", "v:25"));
        assertThatThrownBy(() -> assembler.accept(new Insert(T, tuple("1"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 values for public.t");
        assertThatThrownBy(() -> assembler.accept(begin(2000)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside transaction");

        assembler.reset();
        feed(begin(2000), new Insert(T, tuple("1", "a")), commit(2000));
        assertThat(listener.events).containsExactly("insert#0", "commit");
    }

    private void feed(dev.sequin.replication.pgoutput.PgOutputMessage... messages) {
        for (var message : messages) {
            assembler.accept(message);
        }
    }
}
