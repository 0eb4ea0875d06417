package dev.sequin.replication.slot;

import dev.sequin.delivery.ChangeIntake;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import dev.sequin.replication.assembly.AssemblyListener;
import dev.sequin.replication.assembly.EncodingFailure;
import dev.sequin.replication.assembly.JdbcPrimaryKeyCatalog;
import dev.sequin.replication.assembly.TransactionAssembler;
import dev.sequin.replication.pgoutput.PgOutputDecoder;
import dev.sequin.replication.source.SlotPositions;
import dev.sequin.replication.source.SourceConnector;
import dev.sequin.replication.types.EncodingOptions;
import dev.sequin.replication.types.JdbcTypeCatalog;
import dev.sequin.source.SourceDatabase;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one source database's logical replication slot ({@code pgoutput}, proto 1) into a
 * {@link ChangeIntake}: bytes → {@link PgOutputDecoder} → {@link TransactionAssembler} → routed
 * changes; reports the {@link FlushWatermark} back to Postgres; emits heartbeats; reconnects with
 * backoff when the source goes away.
 *
 * <p>Threading: one thread per reader does all reading, decoding, routing and status updates,
 * because pgjdbc's {@link PGReplicationStream} is not thread-safe. Heartbeats run on a second,
 * scheduled thread over an ordinary connection.
 *
 * <p>After a reconnect Postgres resends from the confirmed position; changes at or before the
 * last position already handed to the intake are skipped, so a reconnect never queues a change
 * twice within one process.
 */
public final class SlotReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlotReader.class);
    private static final long STATUS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

    /** How the reader is tuned. */
    public record Settings(Duration heartbeatInterval, EncodingOptions encoding) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(15), EncodingOptions.DEFAULTS);
        }
    }

    private final SourceDatabase db;
    private final ChangeIntake intake;
    private final Settings settings;
    private final Thread thread;
    private final ScheduledExecutorService heartbeats;
    private final SlotStatus status = new SlotStatus();
    private volatile boolean running = true;
    private volatile PGReplicationStream currentStream;
    private Position lastHandedOff;

    public SlotReader(SourceDatabase db, ChangeIntake intake, Settings settings) {
        this.db = db;
        this.intake = intake;
        this.settings = settings;
        this.thread = new Thread(this::run, "slot-" + db.slotName());
        this.thread.setDaemon(true);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + db.slotName());
            t.setDaemon(true);
            return t;
        });
    }

    public SlotReader start() {
        thread.start();
        long period = settings.heartbeatInterval().toMillis();
        Heartbeat heartbeat = new Heartbeat(db);
        heartbeats.scheduleWithFixedDelay(heartbeat::emit, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** What the reader is doing now, for health reporting. */
    public SlotStatus status() {
        return status;
    }

    private void run() {
        long delayMillis = 1_000;
        while (running) {
            try {
                stream();
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                status.failed(e.getMessage());
                log.warn("Replication from slot {} of database {} stopped: {}. Reconnecting in {} ms",
                        db.slotName(), db.name(), e.getMessage(), delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!running) {
                break;
            }
            if (status.streamedSinceConnect()) {
                delayMillis = 1_000;
            }
            if (!sleep(delayMillis)) {
                break;
            }
            delayMillis = Math.min(delayMillis * 2, MAX_RECONNECT_DELAY.toMillis());
        }
        status.stopped();
    }

    private void stream() throws SQLException, InterruptedException {
        status.connecting();
        PGSimpleDataSource catalogSource = catalogDataSource();
        try (Connection replication = SourceConnector.connectForReplication(db)) {
            Lsn start = confirmedFlushLsn();
            FlushWatermark watermark = new FlushWatermark(start);
            TransactionAssembler assembler = new TransactionAssembler(new JdbcTypeCatalog(catalogSource),
                    new JdbcPrimaryKeyCatalog(catalogSource), settings.encoding(), new Handoff(watermark));
            PgOutputDecoder decoder = new PgOutputDecoder();
            ChainedLogicalStreamBuilder builder = replication.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical()
                    .withSlotName(db.slotName())
                    .withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", db.publicationName())
                    .withStatusInterval(10, TimeUnit.SECONDS);
            if (replication.getMetaData().getDatabaseMajorVersion() >= 14) {
                builder.withSlotOption("messages", "true");
            }
            try (PGReplicationStream stream = builder.start()) {
                currentStream = stream;
                status.streaming(start);
                log.info("Streaming slot {} of database {} from {}", db.slotName(), db.name(), start);
                long lastStatus = System.nanoTime();
                while (running) {
                    ByteBuffer buffer = stream.readPending();
                    if (buffer == null) {
                        // Nothing buffered: report progress, then wait briefly rather than block in
                        // read(), so status updates keep flowing while sinks acknowledge.
                        lastStatus = reportIfDue(stream, watermark, lastStatus);
                        Thread.sleep(1);
                        continue;
                    }
                    assembler.accept(decoder.decode(buffer));
                    status.received(stream.getLastReceiveLSN().asLong());
                    lastStatus = reportIfDue(stream, watermark, lastStatus);
                }
            } finally {
                currentStream = null;
            }
        }
    }

    private long reportIfDue(PGReplicationStream stream, FlushWatermark watermark, long lastStatus) throws SQLException {
        long now = System.nanoTime();
        if (now - lastStatus < STATUS_INTERVAL_NANOS) {
            return lastStatus;
        }
        report(stream, watermark);
        return now;
    }

    private void report(PGReplicationStream stream, FlushWatermark watermark) throws SQLException {
        Lsn flush = watermark.advance(intake.lowestUnpersisted());
        LogSequenceNumber lsn = LogSequenceNumber.valueOf(flush.value());
        stream.setFlushedLSN(lsn);
        stream.setAppliedLSN(lsn);
        stream.forceUpdateStatus();
        status.confirmed(flush);
    }

    /** Hands assembled changes to the intake, waiting (and keeping the connection alive) when it is full. */
    private final class Handoff implements AssemblyListener {

        private final FlushWatermark watermark;

        Handoff(FlushWatermark watermark) {
            this.watermark = watermark;
        }

        @Override
        public void onChange(ChangeMessage change) {
            if (alreadyHandedOff(change)) {
                return;
            }
            while (!intake.offer(change)) {
                waitForRoom(watermark);
            }
            lastHandedOff = change.position();
        }

        @Override
        public void onUnencodableChange(ChangeMessage change, EncodingFailure failure) {
            if (alreadyHandedOff(change)) {
                return;
            }
            intake.setAside(change, "Column " + failure.column() + " (" + failure.typeName() + ") could not be encoded: "
                    + failure.reason());
            lastHandedOff = change.position();
        }

        /** Re-sent after a reconnect: this process already handed it to the intake. */
        private boolean alreadyHandedOff(ChangeMessage change) {
            return lastHandedOff != null && change.position().compareTo(lastHandedOff) <= 0;
        }

        @Override
        public void onCommit(Lsn commitLsn, Lsn endLsn) {
            watermark.transactionHandedOff(endLsn);
            status.handedOff(commitLsn);
        }
    }

    private void waitForRoom(FlushWatermark watermark) {
        if (!running) {
            throw new IllegalStateException("Slot reader stopped while waiting for room");
        }
        try {
            PGReplicationStream stream = currentStream;
            if (stream != null) {
                // Back-pressure can last longer than wal_sender_timeout: keep telling Postgres we
                // are alive (and how far we got) while we wait.
                report(stream, watermark);
            }
            Thread.sleep(5);
        } catch (SQLException e) {
            throw new IllegalStateException("Lost the replication connection while waiting for room", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for room", e);
        }
    }

    private Lsn confirmedFlushLsn() throws SQLException {
        return SlotPositions.confirmedFlush(db).orElseThrow(() -> new SQLException("Replication slot " + db.slotName()
                + " does not exist. Create it with: SELECT pg_create_logical_replication_slot('" + db.slotName()
                + "', 'pgoutput');"));
    }

    private PGSimpleDataSource catalogDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(SourceConnector.jdbcUrl(db));
        ds.setUser(db.username());
        ds.setPassword(db.password().reveal());
        ds.setApplicationName("sequin");
        ds.setSslMode(db.ssl() ? "require" : "disable");
        return ds;
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        heartbeats.shutdownNow();
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
