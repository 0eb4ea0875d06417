package dev.sequin.app.metrics;

import dev.sequin.replication.slot.SlotStatus;
import dev.sequin.sink.SinkStatus;
import java.time.Duration;

/**
 * The rules behind {@code sequin_entity_health} (contract §7): one status per sink, source
 * database and replication slot, from facts the pipeline and our tables already hold. Pure; the
 * poller gathers the facts.
 *
 * <p><b>Sink</b>, first rule that applies:
 * <ol>
 *   <li>{@code paused} — configured {@code paused} or {@code disabled}: not delivering, by choice;</li>
 *   <li>{@code error} — not running although active (e.g. its database's pipeline could not
 *       start), or a message was dead-lettered in the last {@link #DEAD_LETTER_WINDOW}, or a
 *       message group has been failing for {@link #FAILING_ERROR_AFTER} or longer;</li>
 *   <li>{@code warn} — a message group is failing (retrying), or messages wait in the durable
 *       backlog (the sink spilled: it is behind);</li>
 *   <li>{@code ok} — otherwise.</li>
 * </ol>
 *
 * <p><b>Database</b>: {@code ok} while its slot reader streams; {@code warn} while it connects for
 * the first time; {@code error} when it is not running, failed, or reconnects after a failure
 * (the source cannot be reached or refused replication).
 *
 * <p><b>Replication slot</b>: as its database when the reader is not streaming; else {@code warn}
 * when the slot retains more WAL past its confirmed position than the configured threshold
 * ({@code sequin.metrics.slot-lag-warn-bytes}), {@code ok} otherwise.
 */
final class EntityHealth {

    /** How long a dead-lettered message keeps its sink in {@code error}. */
    static final Duration DEAD_LETTER_WINDOW = Duration.ofMinutes(5);
    /** How long a group may keep failing before its sink is in {@code error} rather than {@code warn}. */
    static final Duration FAILING_ERROR_AFTER = Duration.ofMinutes(1);

    /** The statuses, in the contract's spelling. */
    enum Status {
        OK("ok"), WARN("warn"), ERROR("error"), PAUSED("paused");

        final String tag;

        Status(String tag) {
            this.tag = tag;
        }
    }

    /**
     * What is known about a sink.
     *
     * @param running        whether its backlog runs in a pipeline
     * @param failingGroups  message groups waiting for a retry
     * @param failingFor     how long some group has been failing without a break ({@link Duration#ZERO} when none is)
     * @param deadLettered   whether a message was dead-lettered within {@link #DEAD_LETTER_WINDOW}
     * @param spilled        messages in its durable backlog
     */
    record SinkFacts(SinkStatus configured, boolean running, int failingGroups, Duration failingFor,
                     boolean deadLettered, long spilled) {
    }

    /**
     * What is known about a source's slot.
     *
     * @param reader        the slot reader's state, or {@code null} when no pipeline runs
     * @param readerFailed  whether the reader's last connection attempt failed (it may be retrying)
     * @param retainedBytes WAL the slot retains past its confirmed position ({@code NaN}: unknown)
     */
    record SlotFacts(SlotStatus.State reader, boolean readerFailed, double retainedBytes) {

        static SlotFacts of(java.util.Optional<SlotStatus> reader, double retainedBytes) {
            return new SlotFacts(reader.map(SlotStatus::state).orElse(null),
                    reader.map(r -> r.lastError() != null).orElse(false), retainedBytes);
        }
    }

    private EntityHealth() {
    }

    static Status sink(SinkFacts f) {
        if (f.configured() != SinkStatus.ACTIVE) {
            return Status.PAUSED;
        }
        if (!f.running() || f.deadLettered() || f.failingFor().compareTo(FAILING_ERROR_AFTER) >= 0) {
            return Status.ERROR;
        }
        if (f.failingGroups() > 0 || f.spilled() > 0) {
            return Status.WARN;
        }
        return Status.OK;
    }

    static Status database(SlotFacts f) {
        if (f.reader() == SlotStatus.State.STREAMING) {
            return Status.OK;
        }
        if (f.reader() == SlotStatus.State.CONNECTING && !f.readerFailed()) {
            return Status.WARN;
        }
        return Status.ERROR;
    }

    static Status replicationSlot(SlotFacts f, long lagWarnBytes) {
        Status connection = database(f);
        if (connection != Status.OK) {
            return connection;
        }
        return f.retainedBytes() > lagWarnBytes ? Status.WARN : Status.OK;
    }
}
