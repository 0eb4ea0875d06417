package dev.sequin.replication.assembly;

import dev.sequin.replication.pgoutput.PgOutputMessage.LogicalMessage;

/** Prefixes of the logical messages Sequin writes into the WAL (contract §6.2). */
public final class SequinMessages {

    /** {@code sequin.heartbeat.<version>}: liveness and ingestion latency; never delivered. */
    public static final String HEARTBEAT_PREFIX = "sequin.heartbeat";
    /** {@code sequin.backfill-batch.high-watermark} and friends: backfill de-duplication; never delivered. */
    public static final String BACKFILL_WATERMARK_PREFIX = "sequin.backfill-batch";
    /** Sets the annotations for the following changes of the transaction. */
    public static final String ANNOTATIONS_SET = "sequin:transaction_annotations.set";
    /** Clears them. */
    public static final String ANNOTATIONS_CLEAR = "sequin:transaction_annotations.clear";

    private SequinMessages() {
    }

    public static boolean isHeartbeat(LogicalMessage message) {
        return message.prefix().startsWith(HEARTBEAT_PREFIX);
    }

    public static boolean isBackfillWatermark(LogicalMessage message) {
        return message.prefix().startsWith(BACKFILL_WATERMARK_PREFIX);
    }
}
