package dev.sequin.replication.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequin.message.Lsn;
import dev.sequin.replication.pgoutput.PgOutputMessage.Begin;
import dev.sequin.replication.pgoutput.PgOutputMessage.Commit;
import dev.sequin.replication.pgoutput.PgOutputMessage.Delete;
import dev.sequin.replication.pgoutput.PgOutputMessage.Insert;
import dev.sequin.replication.pgoutput.PgOutputMessage.LogicalMessage;
import dev.sequin.replication.pgoutput.PgOutputMessage.Origin;
import dev.sequin.replication.pgoutput.PgOutputMessage.Relation;
import dev.sequin.replication.pgoutput.PgOutputMessage.Relation.Column;
import dev.sequin.replication.pgoutput.PgOutputMessage.Truncate;
import dev.sequin.replication.pgoutput.PgOutputMessage.Type;
import dev.sequin.replication.pgoutput.PgOutputMessage.Update;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decodes bytes captured from a real PostgreSQL 15 (see {@code pgoutput/README.md}). */
class PgOutputDecoderTest {

    private static final int ITEMS = 16393;
    private static final int DOCS = 16400;
    private static final int OTHER = 16408;

    private final PgOutputDecoder decoder = new PgOutputDecoder();

    @Test
    void insertTransactionWithTypeRelationNullAndMultiByteText() {
        List<PgOutputMessage> messages = PgOutputFixtures.decoded("insert");

        assertThat(messages).hasSize(5);
        Begin begin = (Begin) messages.get(0);
        assertThat(begin.finalLsn()).isEqualTo(Lsn.parse("0/19554F8"));
        assertThat(begin.xid()).isEqualTo(731);
        assertThat(messages.get(1)).isEqualTo(new Type(16386, "public", "mood"));
        assertThat(messages.get(2)).isEqualTo(new Relation(ITEMS, "public", "items", 'd', List.of(
                new Column(true, "id", 23, -1),
                new Column(false, "name", 25, -1),
                new Column(false, "note", 25, -1),
                new Column(false, "price", 1700, -1),
                new Column(false, "mood", 16386, -1))));
        Insert insert = (Insert) messages.get(3);
        assertThat(insert.relationId()).isEqualTo(ITEMS);
        assertTuple(insert.newTuple(), "t:1", "t:Grüße 😀 日本", "n", "t:12.50", "t:happy");
        Commit commit = (Commit) messages.get(4);
        assertThat(commit.flags()).isZero();
        assertThat(commit.commitLsn()).isEqualTo(begin.finalLsn());
        assertThat(commit.endLsn()).isEqualTo(Lsn.parse("0/1955528"));
        assertThat(commit.commitTimestampMicros()).isEqualTo(begin.commitTimestampMicros());
    }

    @Test
    void commitTimestampIsConvertedToUnixEpochMicros() {
        // The origin fixture's commit time was set explicitly with pg_replication_origin_xact_setup.
        Begin begin = (Begin) PgOutputFixtures.decoded("origin").get(0);

        Instant expected = Instant.parse("2024-10-28T21:37:01.127470Z");
        assertThat(begin.commitTimestampMicros()).isEqualTo(expected.getEpochSecond() * 1_000_000 + expected.getNano() / 1_000);
    }

    @Test
    void originFollowsBegin() {
        List<PgOutputMessage> messages = PgOutputFixtures.decoded("origin");

        assertThat(messages.get(1)).isEqualTo(new Origin(Lsn.parse("0/ABCDEF"), "fx_origin"));
        assertTuple(((Insert) messages.get(3)).newTuple(), "t:2", "t:from origin");
    }

    @Test
    void updateWithoutOldTupleAndWithOldKey() {
        List<PgOutputMessage> messages = PgOutputFixtures.decoded("update-default");

        Update plain = (Update) messages.get(3);
        assertThat(plain.relationId()).isEqualTo(ITEMS);
        assertThat(plain.oldKind()).isEqualTo(Update.NO_OLD_TUPLE);
        assertThat(plain.oldTuple()).isNull();
        assertTuple(plain.newTuple(), "t:1", "t:plain", "n", "n", "t:happy");

        Update keyChange = (Update) messages.get(6);
        assertThat(keyChange.oldKind()).isEqualTo('K');
        assertTuple(keyChange.oldTuple(), "t:1", "n", "n", "n", "n");
        assertTuple(keyChange.newTuple(), "t:2", "t:plain", "n", "n", "t:happy");
    }

    @Test
    void updateUnderReplicaIdentityFullCarriesTheOldRowAndFlagsEveryColumnAsKey() {
        List<PgOutputMessage> messages = PgOutputFixtures.decoded("update-full");

        Relation relation = (Relation) messages.get(2);
        assertThat(relation.replicaIdentity()).isEqualTo('f');
        assertThat(relation.columns()).allMatch(Column::key);
        Update update = (Update) messages.get(3);
        assertThat(update.oldKind()).isEqualTo('O');
        assertTuple(update.oldTuple(), "t:2", "t:plain", "n", "n", "t:happy");
        assertTuple(update.newTuple(), "t:2", "t:plain", "t:n", "n", "t:sad");
    }

    @Test
    void unchangedToastValueIsMarkedAndTheFullOldRowHasIt() {
        List<PgOutputMessage> messages = PgOutputFixtures.decoded("toast");

        String body = ((Insert) messages.get(2)).newTuple().text(2);
        assertThat(body).hasSize(6400);
        Update withoutOld = (Update) messages.get(5);
        assertThat(withoutOld.relationId()).isEqualTo(DOCS);
        assertTuple(withoutOld.newTuple(), "t:1", "t:second", "u");
        assertThat(withoutOld.newTuple().isUnchangedToast(2)).isTrue();
        assertThat(withoutOld.newTuple().text(2)).isNull();

        Update full = (Update) messages.get(9);
        assertThat(full.oldKind()).isEqualTo('O');
        assertThat(full.oldTuple().text(2)).isEqualTo(body);
        assertTuple(full.newTuple(), "t:1", "t:third", "u");
    }

    @Test
    void deleteWithOldKeyAndWithOldRow() {
        List<PgOutputMessage> messages = PgOutputFixtures.decoded("delete");

        Delete byKey = (Delete) messages.get(6);
        assertThat(byKey.oldKind()).isEqualTo('K');
        assertTuple(byKey.oldTuple(), "t:3", "n", "n", "n", "n");
        Delete full = (Delete) messages.get(11);
        assertThat(full.relationId()).isEqualTo(ITEMS);
        assertThat(full.oldKind()).isEqualTo('O');
        assertTuple(full.oldTuple(), "t:2", "t:plain", "t:n", "n", "t:sad");
    }

    @Test
    void truncateWithOptionsAndSeveralRelations() {
        List<PgOutputMessage> messages = PgOutputFixtures.decoded("truncate");

        assertThat(messages.get(7)).isEqualTo(new Truncate(Truncate.CASCADE | Truncate.RESTART_IDENTITY, new int[] {OTHER, DOCS}));
        assertThat(messages.get(12)).isEqualTo(new Truncate(0, new int[] {ITEMS}));
    }

    @Test
    void transactionalAndNonTransactionalLogicalMessages() {
        List<PgOutputMessage> messages = PgOutputFixtures.decoded("messages");

        LogicalMessage annotation = (LogicalMessage) messages.get(1);
        assertThat(annotation.transactional()).isTrue();
        assertThat(annotation.lsn()).isEqualTo(Lsn.parse("0/195C2A0"));
        assertThat(annotation.prefix()).isEqualTo("sequin:transaction_annotations.set");
        assertThat(annotation.contentAsString()).isEqualTo("{\"who\": \"ünïcode\"}");
        assertThat(messages.get(4)).isInstanceOf(Commit.class);

        LogicalMessage heartbeat = (LogicalMessage) messages.get(5);
        assertThat(heartbeat.transactional()).isFalse();
        assertThat(heartbeat.lsn()).isEqualTo(Lsn.parse("0/195C470"));
        assertThat(heartbeat.prefix()).isEqualTo("sequin.heartbeat.1");
        assertThat(heartbeat.contentAsString()).isEqualTo("beat");
        assertThat(annotation.toString()).doesNotContain("who");
    }

    @Test
    void directBuffersAndBuffersAtAnOffsetDecodeTheSameAndAreLeftUnchanged() {
        ByteBuffer heap = PgOutputFixtures.bytes("insert").get(3);
        PgOutputMessage expected = decoder.decode(heap);

        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap.duplicate()).flip();
        ByteBuffer padded = ByteBuffer.allocate(heap.remaining() + 7);
        padded.position(3);
        ByteBuffer slice = padded.slice();
        slice.put(heap.duplicate()).flip();

        assertThat(decoder.decode(direct)).isEqualTo(expected);
        assertThat(direct.position()).isZero();
        assertThat(decoder.decode(slice)).isEqualTo(expected);
        assertThat(heap.position()).isZero();
    }

    @Test
    void unknownMessageTypeIsRejectedByName() {
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {'S', 0, 0, 0, 1, 1})))
                .isInstanceOf(PgOutputProtocolException.class)
                .hasMessageContaining("Unknown pgoutput message type 'S'")
                .hasMessageContaining("Stream Start");
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0x7f})))
                .isInstanceOf(PgOutputProtocolException.class)
                .hasMessageContaining("0x7f");
    }

    @Test
    void truncatedMessageIsRejectedWithItsOffset() {
        ByteBuffer insert = PgOutputFixtures.bytes("insert").get(3);
        ByteBuffer cut = ByteBuffer.wrap(insert.array(), 0, insert.remaining() - 3);

        assertThatThrownBy(() -> decoder.decode(cut))
                .isInstanceOf(PgOutputProtocolException.class)
                .hasMessageStartingWith("Truncated pgoutput 'I' message");
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(0)))
                .isInstanceOf(PgOutputProtocolException.class);
    }

    /** Each expectation is {@code "n"}, {@code "u"} or {@code "t:<text>"}. */
    private static void assertTuple(TupleData tuple, String... expected) {
        assertThat(tuple.size()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            String actual = tuple.kind(i) == TupleData.TEXT ? "t:" + tuple.text(i) : String.valueOf(tuple.kind(i));
            assertThat(actual).as("column %d", i).isEqualTo(expected[i]);
        }
    }
}
