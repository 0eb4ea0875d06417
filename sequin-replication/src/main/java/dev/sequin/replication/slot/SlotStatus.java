package dev.sequin.replication.slot;

import dev.sequin.message.Lsn;
import java.time.Instant;

/**
 * What a slot reader is doing, readable from any thread: its state, the last error, the last
 * position received and the last position confirmed to Postgres.
 */
public final class SlotStatus {

    /** The reader's lifecycle. */
    public enum State { CONNECTING, STREAMING, FAILED, STOPPED }

    private volatile State state = State.CONNECTING;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile long receivedLsn;
    private volatile long confirmedLsn;
    private volatile long handedOffLsn;
    private volatile boolean streamedSinceConnect;

    void connecting() {
        state = State.CONNECTING;
        streamedSinceConnect = false;
    }

    void streaming(Lsn start) {
        state = State.STREAMING;
        confirmedLsn = Math.max(confirmedLsn, start.value());
        lastError = null;
    }

    void received(long lsn) {
        receivedLsn = lsn;
        streamedSinceConnect = true;
    }

    void handedOff(Lsn commitLsn) {
        handedOffLsn = commitLsn.value();
    }

    void confirmed(Lsn lsn) {
        confirmedLsn = lsn.value();
    }

    void failed(String error) {
        state = State.FAILED;
        lastError = error;
        lastErrorAt = Instant.now();
    }

    void stopped() {
        state = State.STOPPED;
    }

    boolean streamedSinceConnect() {
        return streamedSinceConnect;
    }

    public State state() {
        return state;
    }

    /** The last failure's message (no secrets: pgjdbc messages name hosts and slots only), or {@code null}. */
    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public Lsn receivedLsn() {
        return Lsn.of(receivedLsn);
    }

    /** The {@code commit_lsn} of the last transaction handed off whole to the sinks. */
    public Lsn handedOffLsn() {
        return Lsn.of(handedOffLsn);
    }

    public Lsn confirmedLsn() {
        return Lsn.of(confirmedLsn);
    }
}
