package dev.sequin.delivery.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.delivery.queue.AckLedger;
import dev.sequin.delivery.queue.BacklogStore;
import dev.sequin.delivery.queue.DeliveryListener;
import dev.sequin.delivery.queue.QueuedMessage;
import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.message.Changes;
import dev.sequin.message.Lsn;
import dev.sequin.message.MessageEncoder;
import dev.sequin.message.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer group's rules without a database: memory-mode backlog, recorded acks and dead letters. */
class PullConsumerTest {

    private final UUID sinkId = UUID.randomUUID();
    private final List<Position> acknowledged = new CopyOnWriteArrayList<>();
    private final List<DeadLetterStore.DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private SinkBacklog backlog;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private PullConsumer consumer(Duration visibility, Integer maxRetryCount, int maxWaiting, int maxAckPending) {
        backlog = new SinkBacklog(sinkId, "pull-test",
                new SinkBacklog.Settings(10_000, 100, Duration.ofMinutes(2), 100, Duration.ofSeconds(5)),
                new NoStore(), new RecordingLedger(), () -> Lsn.ZERO, () -> Lsn.ZERO, false);
        MessageEncoder encoder = new MessageEncoder(new MessageEncoder.ConsumerInfo(sinkId, "pull-test", "{}"),
                new MessageEncoder.DatabaseInfo(UUID.randomUUID(), "db", "{}", "app", "localhost"));
        PullConsumer consumer = new PullConsumer(
                new PullConsumer.Settings(sinkId, "pull-test", visibility, maxRetryCount, maxWaiting, maxAckPending),
                encoder, backlog, (sink, letters) -> deadLetters.addAll(letters), DeliveryListener.NONE, false).start();
        open.add(backlog);
        open.add(consumer);
        return consumer;
    }

    private void add(long lsn, String key) {
        backlog.add(Changes.insert(lsn, 0, key), key);
    }

    @Test
    void oneMessagePerGroupIsHeldAtATimeAndAnAckReleasesTheNext() throws Exception {
        PullConsumer consumer = consumer(Duration.ofSeconds(30), null, 20, 10_000);
        add(100, "a");
        add(110, "a");
        add(120, "b");

        List<Lease> first = consumer.receive(10, Duration.ZERO);
        assertThat(first).extracting(l -> l.message().change().commitLsn().value()).containsExactly(100L, 120L);
        assertThat(consumer.receive(10, Duration.ZERO)).isEmpty();

        assertThat(consumer.ack(List.of(first.get(0).ackId(), UUID.randomUUID()))).isEqualTo(1);
        assertThat(acknowledged).containsExactly(new Position(Lsn.of(100), 0));
        List<Lease> next = consumer.receive(10, Duration.ZERO);
        assertThat(next).extracting(l -> l.message().change().commitLsn().value()).containsExactly(110L);
        assertThat(consumer.ack(List.of(first.get(0).ackId()))).as("an ack id settles once").isZero();
    }

    @Test
    void aWaitingReceiveIsWokenByTheArrivalNotByATimer() throws Exception {
        PullConsumer consumer = consumer(Duration.ofSeconds(30), null, 20, 10_000);
        CompletableFuture<List<Lease>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive(1, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        long added = System.nanoTime();
        add(100, "a");
        List<Lease> got = waiting.get(5, TimeUnit.SECONDS);
        long woke = System.nanoTime();
        assertThat(got).hasSize(1);
        // A sleep loop would answer on its own schedule; a signal answers at once. 250 ms leaves
        // room for a loaded 2-core CI box and is still far below any polling interval worth having.
        assertThat(Duration.ofNanos(woke - added)).isLessThan(Duration.ofMillis(250));
    }

    @Test
    void moreWaitingReceivesThanMaxWaitingAreRefused() throws Exception {
        PullConsumer consumer = consumer(Duration.ofSeconds(30), null, 1, 10_000);
        CompletableFuture<List<Lease>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive(1, Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThatThrownBy(() -> consumer.receive(1, Duration.ofSeconds(1))).isInstanceOf(TooManyWaitingReceives.class);
        assertThat(consumer.receive(1, Duration.ZERO)).as("a receive that does not wait is not counted").isEmpty();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void expiryAndNackCountAttemptsAndMaxRetryCountDeadLetters() throws Exception {
        PullConsumer consumer = consumer(Duration.ofMillis(200), 3, 20, 10_000);
        add(100, "a");
        add(110, "a");

        Lease first = consumer.receive(1, Duration.ZERO).get(0);
        Lease second = consumer.receive(1, Duration.ofSeconds(5)).get(0);
        assertThat(second.message()).as("expired, handed out again").isSameAs(first.message());
        assertThat(second.message().attempts()).isEqualTo(1);
        assertThat(consumer.nack(List.of(second.ackId()), Duration.ZERO)).isEqualTo(1);
        Lease third = consumer.receive(1, Duration.ZERO).get(0);
        assertThat(third.message()).isSameAs(first.message());
        consumer.nack(List.of(third.ackId()), Duration.ZERO);

        assertThat(deadLetters).as("the third failed hand-out reached max_retry_count 3").hasSize(1);
        assertThat(deadLetters.get(0).attempts()).isEqualTo(3);
        Lease next = consumer.receive(1, Duration.ZERO).get(0);
        assertThat(next.message().change().commitLsn().value()).as("the group moves on").isEqualTo(110L);
    }

    @Test
    void maxAckPendingCapsWhatIsHeld() throws Exception {
        PullConsumer consumer = consumer(Duration.ofSeconds(30), null, 20, 3);
        for (int i = 0; i < 5; i++) {
            add(100 + i, "k" + i);
        }
        List<Lease> held = consumer.receive(10, Duration.ZERO);
        assertThat(held).hasSize(3);
        assertThat(consumer.receive(10, Duration.ZERO)).isEmpty();
        consumer.ack(List.of(held.get(0).ackId()));
        assertThat(consumer.receive(10, Duration.ZERO)).hasSize(1);
    }

    @Test
    void closingReturnsHeldMessagesToTheQueue() throws Exception {
        PullConsumer consumer = consumer(Duration.ofSeconds(30), null, 20, 10_000);
        add(100, "a");
        assertThat(consumer.receive(1, Duration.ZERO)).hasSize(1);
        consumer.close();
        assertThat(backlog.queue().inFlight()).isZero();
        assertThat(backlog.queue().poll(10, Long.MAX_VALUE).size()).isEqualTo(1);
    }

    /** Memory mode only: nothing is ever stored in these tests. */
    private static final class NoStore implements BacklogStore {
        @Override
        public void append(UUID sinkId, List<QueuedMessage> messages) {
            throw new AssertionError("nothing spills in these tests");
        }

        @Override
        public List<StoredMessage> page(UUID sinkId, Position after, int limit) {
            return List.of();
        }

        @Override
        public void delete(UUID sinkId, Collection<Position> positions) {
        }

        @Override
        public Optional<Position> last(UUID sinkId) {
            return Optional.empty();
        }

        @Override
        public long count(UUID sinkId) {
            return 0;
        }
    }

    private final class RecordingLedger implements AckLedger {
        @Override
        public void record(UUID sink, Collection<Position> positions) {
            acknowledged.addAll(positions);
        }

        @Override
        public Set<Position> acknowledgedSince(UUID sink, Lsn from) {
            return Set.of();
        }

        @Override
        public void prune(UUID sink, Lsn before) {
        }
    }
}
