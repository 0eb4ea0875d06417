package dev.sequin.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.metrics.EntityHealth.SinkFacts;
import dev.sequin.app.metrics.EntityHealth.SlotFacts;
import dev.sequin.app.metrics.EntityHealth.Status;
import dev.sequin.replication.slot.SlotStatus.State;
import dev.sequin.sink.SinkStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EntityHealthTest {

    private static SinkFacts active(int failingGroups, Duration failingFor, boolean deadLettered, long spilled) {
        return new SinkFacts(SinkStatus.ACTIVE, true, failingGroups, failingFor, deadLettered, spilled);
    }

    @Test
    void aSinkIsPausedByChoiceBeforeAnythingElse() {
        assertThat(EntityHealth.sink(new SinkFacts(SinkStatus.PAUSED, true, 3, Duration.ofHours(1), true, 1_000_000)))
                .isEqualTo(Status.PAUSED);
        assertThat(EntityHealth.sink(new SinkFacts(SinkStatus.DISABLED, false, 0, Duration.ZERO, false, 0)))
                .isEqualTo(Status.PAUSED);
    }

    @Test
    void aSinkIsInErrorWhenNotRunningDeadLetteringOrFailingForAMinute() {
        assertThat(EntityHealth.sink(new SinkFacts(SinkStatus.ACTIVE, false, 0, Duration.ZERO, false, 0))).isEqualTo(Status.ERROR);
        assertThat(EntityHealth.sink(active(0, Duration.ZERO, true, 0))).isEqualTo(Status.ERROR);
        assertThat(EntityHealth.sink(active(1, Duration.ofSeconds(60), false, 0))).isEqualTo(Status.ERROR);
    }

    @Test
    void aSinkWarnsWhileAGroupRetriesOrItsBacklogIsSpilled() {
        assertThat(EntityHealth.sink(active(1, Duration.ofSeconds(59), false, 0))).isEqualTo(Status.WARN);
        assertThat(EntityHealth.sink(active(0, Duration.ZERO, false, 1))).isEqualTo(Status.WARN);
        assertThat(EntityHealth.sink(active(0, Duration.ZERO, false, 0))).isEqualTo(Status.OK);
    }

    @Test
    void aDatabaseIsOkWhileStreamingWarnsWhileFirstConnectingAndIsInErrorOtherwise() {
        assertThat(EntityHealth.database(new SlotFacts(State.STREAMING, false, 0))).isEqualTo(Status.OK);
        assertThat(EntityHealth.database(new SlotFacts(State.CONNECTING, false, Double.NaN))).isEqualTo(Status.WARN);
        assertThat(EntityHealth.database(new SlotFacts(State.CONNECTING, true, Double.NaN))).as("reconnecting after a failure")
                .isEqualTo(Status.ERROR);
        assertThat(EntityHealth.database(new SlotFacts(State.FAILED, true, 0))).isEqualTo(Status.ERROR);
        assertThat(EntityHealth.database(new SlotFacts(null, false, 0))).as("no pipeline").isEqualTo(Status.ERROR);
    }

    @Test
    void aSlotWarnsWhenItRetainsMoreWalThanTheThreshold() {
        assertThat(EntityHealth.replicationSlot(new SlotFacts(State.STREAMING, false, 2_000), 1_000)).isEqualTo(Status.WARN);
        assertThat(EntityHealth.replicationSlot(new SlotFacts(State.STREAMING, false, 1_000), 1_000)).isEqualTo(Status.OK);
        assertThat(EntityHealth.replicationSlot(new SlotFacts(State.STREAMING, false, Double.NaN), 1_000)).isEqualTo(Status.OK);
        assertThat(EntityHealth.replicationSlot(new SlotFacts(State.FAILED, true, 0), 1_000)).isEqualTo(Status.ERROR);
    }
}
