package dev.sequin.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.Changes;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SinkBacklogTest {

    private final UUID sinkId = UUID.randomUUID();
    private final InMemoryBacklogStore store = new InMemoryBacklogStore();
    private final List<Position> acked = new ArrayList<>();
    private final AtomicLong handedOff = new AtomicLong();
    private final AckLedger ledger = new AckLedger() {
        @Override
        public void record(UUID sink, Collection<Position> positions) {
            acked.addAll(positions);
        }

        @Override
        public Set<Position> acknowledgedSince(UUID sink, Lsn from) {
            return new HashSet<>(acked);
        }

        @Override
        public void prune(UUID sink, Lsn before) {
        }
    };

    private SinkBacklog backlog(int memoryCapacity, boolean paused) {
        return backlog(memoryCapacity, paused, 10);
    }

    private SinkBacklog backlog(int memoryCapacity, boolean paused, int pageSize) {
        return new SinkBacklog(sinkId, "test", new SinkBacklog.Settings(memoryCapacity, 100_000, Duration.ofMinutes(2),
                pageSize, Duration.ZERO), store, ledger, () -> Lsn.ZERO, () -> Lsn.of(handedOff.get()), paused);
    }

    private static Position at(long lsn) {
        return new Position(Lsn.of(lsn), 0);
    }

    /** A backlog of {@code n} messages of distinct groups at 100, 110, …, read back by an active sink. */
    private SinkBacklog spilledWith(int n) {
        SinkBacklog backlog = backlog(1_000, true);
        for (int i = 0; i < n; i++) {
            backlog.add(Changes.insert(100 + 10L * i, 0, Integer.toString(i)), Integer.toString(i));
        }
        backlog.maintain(); // spills (paused)
        backlog.maintain(); // writes the buffer
        backlog.setPaused(false);
        return backlog;
    }

    private static List<Long> lsns(DeliveryBatch batch) {
        return batch.messages().stream().map(m -> m.change().commitLsn().value()).toList();
    }

    @Test
    void aPausedSinkSpillsSoNothingPinsTheWatermark() {
        SinkBacklog backlog = backlog(1_000, true);
        backlog.add(Changes.insert(100, 0, "1"), "1");
        backlog.add(Changes.insert(200, 0, "2"), "2");
        assertThat(backlog.lowestUnpersisted()).contains(Lsn.of(100));

        backlog.maintain(); // decides to spill (paused): messages go to the write buffer
        backlog.maintain(); // writes the buffer
        assertThat(store.rows).hasSize(2);
        assertThat(backlog.lowestUnpersisted()).as("stored messages do not hold back the flush").isEmpty();
        assertThat(backlog.queue().size()).isZero();

        backlog.add(Changes.insert(300, 0, "3"), "3");
        backlog.maintain();
        assertThat(store.rows).hasSize(3);
    }

    @Test
    void memoryFullSpillsAndTheBacklogIsReadBackInCommitOrderThenMemoryModeReturns() {
        SinkBacklog backlog = backlog(2, false);
        backlog.add(Changes.insert(100, 0, "1"), "1");
        backlog.add(Changes.insert(110, 0, "1"), "1");
        assertThat(backlog.hasRoom()).as("full: spills at once with no patience").isTrue();
        backlog.add(Changes.insert(120, 0, "1"), "1");
        backlog.maintain();
        assertThat(store.rows).hasSize(3);

        backlog.maintain(); // reads a page back
        DeliveryBatch batch = backlog.queue().poll(10, 0);
        assertThat(lsns(batch)).containsExactly(100L, 110L, 120L);
        backlog.acked(batch);
        assertThat(store.rows).as("acknowledged messages leave the backlog").isEmpty();
        assertThat(acked).hasSize(3);

        backlog.maintain(); // nothing left: back to memory
        backlog.add(Changes.insert(130, 0, "1"), "1");
        assertThat(backlog.lowestUnpersisted()).contains(Lsn.of(130));
        assertThat(store.rows).isEmpty();
    }

    @Test
    void afterARestartReadBackWaitsForReSentChangesSoAGroupKeepsItsOrder() {
        // Before the crash: version 2 of row 1 was stored, version 1 was in flight and unrecorded.
        SinkBacklog before = backlog(1_000, true);
        before.add(Changes.insert(200, 0, "1"), "1");
        before.maintain();
        before.maintain();
        assertThat(store.rows).hasSize(1);

        SinkBacklog after = backlog(1_000, false);
        after.holdReadBackUntilHandedOff(new Position(Lsn.of(200), 0));
        after.maintain();
        assertThat(after.queue().size()).as("nothing is read back until the re-sent changes are in").isZero();

        after.add(Changes.insert(100, 0, "1"), "1"); // Postgres re-sends version 1
        after.add(Changes.insert(200, 0, "1"), "1"); // and version 2, already stored
        handedOff.set(200);
        after.maintain();
        after.maintain();
        DeliveryBatch batch = after.queue().poll(10, 0);
        assertThat(lsns(batch)).containsExactly(100L, 200L);
    }

    @Test
    void changesAcknowledgedBeforeARestartAreSkipped() {
        acked.add(new Position(Lsn.of(100), 0));
        SinkBacklog backlog = backlog(1_000, false);
        backlog.skipAcknowledged(ledger.acknowledgedSince(sinkId, Lsn.ZERO));
        backlog.add(Changes.insert(100, 0, "1"), "1");
        backlog.add(Changes.insert(100, 1, "2"), "2");
        assertThat(backlog.queue().size()).isEqualTo(1);
    }

    @Test
    void eachPageIsReadFromAfterTheLastPositionReadBackNotFromTheStart() {
        SinkBacklog backlog = spilledWith(25);
        backlog.maintain();
        backlog.acked(backlog.queue().poll(100, 0));
        backlog.maintain();
        backlog.acked(backlog.queue().poll(100, 0));
        backlog.maintain();
        assertThat(store.pagesAfter).containsExactly(ReadBackCursor.BEFORE_ALL, at(190), at(290));
        assertThat(backlog.queue().size()).isEqualTo(5);
    }

    @Test
    void aRowStoredBelowWhatWasReadBackIsReadFromTheBeginningBeforeLaterMessagesOfItsGroup() {
        SinkBacklog backlog = spilledWith(25);
        backlog.maintain(); // reads 100 … 190; the cursor is at 190
        backlog.acked(backlog.queue().poll(100, 0));
        // A replayed dead letter of group "20" (whose version at 300 is not read yet) lands at 50.
        store.put(Changes.insert(50, 0, "20"), "20");
        backlog.rescan();
        backlog.maintain();
        assertThat(store.pagesAfter).last().isEqualTo(ReadBackCursor.BEFORE_ALL);
        DeliveryBatch batch = backlog.queue().poll(100, 0);
        assertThat(lsns(batch)).startsWith(50L).doesNotContain(300L);
        backlog.acked(batch);
        backlog.maintain();
        assertThat(lsns(backlog.queue().poll(100, 0))).contains(300L);
    }

    @Test
    void afterARestartReadBackAlsoWaitsUntilReSentChangesAreWrittenNotJustBuffered() {
        // Before the crash: version 2 of row 1 was stored at 10,000; version 1 was in flight.
        store.put(Changes.insert(10_000, 0, "1"), "1");
        SinkBacklog after = backlog(1_000, false, 20_000);
        after.holdReadBackUntilHandedOff(at(10_000));
        // Postgres re-sends more than one write of the buffer holds, then version 1 and version 2.
        for (int i = 1; i <= 5_000; i++) {
            after.add(Changes.insert(i, 0, "x" + i), "x" + i);
        }
        after.add(Changes.insert(9_999, 0, "1"), "1");
        after.add(Changes.insert(10_000, 0, "1"), "1");
        handedOff.set(10_000);
        after.maintain(); // writes 5,000; version 1 still waits in the buffer
        assertThat(after.queue().size()).as("nothing read while a re-sent change is only buffered").isZero();
        after.maintain();
        List<Long> row1 = new ArrayList<>();
        DeliveryBatch batch;
        while ((batch = after.queue().poll(1_000, 0)) != null) {
            batch.messages().stream().filter(m -> "1".equals(m.groupId())).forEach(m -> row1.add(m.change().commitLsn().value()));
            after.acked(batch);
        }
        assertThat(row1).containsExactly(9_999L, 10_000L);
    }
}
