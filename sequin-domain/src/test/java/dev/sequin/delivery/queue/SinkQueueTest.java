package dev.sequin.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.Changes;
import dev.sequin.message.Lsn;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SinkQueueTest {

    private final SinkQueue queue = new SinkQueue(100);

    private static List<String> ids(DeliveryBatch batch) {
        return batch.messages().stream().map(m -> m.change().recordPks().get(0)).toList();
    }

    @Test
    void oneBatchPerGroupInFlightAndGroupsLeaveInCommitOrder() {
        queue.add(Changes.insert(100, 0, "1"), "1");
        queue.add(Changes.insert(100, 1, "2"), "2");
        queue.add(Changes.insert(200, 0, "1"), "1");

        DeliveryBatch first = queue.poll(1, 0);
        DeliveryBatch second = queue.poll(1, 0);
        assertThat(ids(first)).containsExactly("1");
        assertThat(ids(second)).containsExactly("2");
        assertThat(queue.poll(1, 0)).as("group 1 is in flight").isNull();

        queue.ack(first);
        DeliveryBatch third = queue.poll(1, 0);
        assertThat(third.messages().get(0).change().commitLsn()).isEqualTo(Lsn.of(200));
    }

    @Test
    void aBatchTakesSeveralMessagesOfOneGroupInOrder() {
        queue.add(Changes.insert(100, 0, "1"), "1");
        queue.add(Changes.insert(200, 0, "1"), "1");
        queue.add(Changes.insert(300, 0, "2"), "2");
        DeliveryBatch batch = queue.poll(10, 0);
        assertThat(batch.messages()).extracting(m -> m.change().commitLsn().value()).containsExactly(100L, 200L, 300L);
    }

    @Test
    void aFailingGroupWaitsWithoutHoldingBackOthers() {
        queue.add(Changes.insert(100, 0, "1"), "1");
        queue.add(Changes.insert(110, 0, "1"), "1");
        queue.add(Changes.insert(120, 0, "2"), "2");
        DeliveryBatch failed = queue.poll(1, 0);
        queue.fail(failed, Set.of(), "HTTP 500", 5_000);

        DeliveryBatch other = queue.poll(1, 1_000);
        assertThat(ids(other)).containsExactly("2");
        assertThat(queue.poll(1, 1_000)).as("group 1 waits for its backoff").isNull();
        assertThat(queue.failing(10)).singleElement().satisfies(f -> {
            assertThat(f.attempts()).isEqualTo(1);
            assertThat(f.lastError()).isEqualTo("HTTP 500");
        });

        DeliveryBatch retry = queue.poll(1, 5_000);
        assertThat(retry.messages().get(0).change().commitLsn()).as("the failed message goes first again").isEqualTo(Lsn.of(100));
        queue.ack(retry);
        assertThat(queue.failing(10)).isEmpty();
    }

    @Test
    void lowestPendingLsnFollowsAcksNotReceipt() {
        queue.add(Changes.insert(100, 0, "1"), "1");
        queue.add(Changes.insert(200, 0, "2"), "2");
        DeliveryBatch a = queue.poll(1, 0);
        DeliveryBatch b = queue.poll(1, 0);
        queue.ack(b);
        assertThat(queue.lowestPendingLsn()).contains(Lsn.of(100));
        queue.ack(a);
        assertThat(queue.lowestPendingLsn()).isEmpty();
    }

    @Test
    void removedMessagesLeaveAndTheGroupMovesOn() {
        queue.add(Changes.insert(100, 0, "1"), "1");
        queue.add(Changes.insert(200, 0, "1"), "1");
        DeliveryBatch batch = queue.poll(1, 0);
        queue.fail(batch, Set.copyOf(batch.messages()), "rejected", 0);
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.poll(1, 0).messages().get(0).change().commitLsn()).isEqualTo(Lsn.of(200));
    }

    @Test
    void messagesWithoutGroupAreIndependent() {
        queue.add(Changes.insert(100, 0, "1"), null);
        queue.add(Changes.insert(100, 1, "1"), null);
        assertThat(queue.poll(1, 0)).isNotNull();
        assertThat(queue.poll(1, 0)).as("no group blocks the second").isNotNull();
    }

    @Test
    void capacityGivesBackPressure() {
        SinkQueue small = new SinkQueue(1);
        assertThat(small.hasRoom()).isTrue();
        small.add(Changes.insert(100, 0, "1"), "1");
        assertThat(small.hasRoom()).isFalse();
    }
}
