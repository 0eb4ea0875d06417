package dev.sequin.replication.assembly;

import dev.sequin.message.TableName;
import java.util.Objects;

/**
 * A condition Sequin raises as a health warning (contract §1.5, §1.6, §6.2).
 *
 * @param table the table concerned, or {@code null} for {@link Kind#INVALID_TRANSACTION_ANNOTATION}
 */
public record HealthWarning(Kind kind, TableName table) {

    public HealthWarning {
        Objects.requireNonNull(kind, "kind");
    }

    public enum Kind {
        /** Updates arrive for a table without {@code REPLICA IDENTITY FULL}: {@code changes} is {@code {}}. */
        REPLICA_IDENTITY_NOT_FULL("replica_identity_not_full"),
        /** An update carried {@code "unchanged_toast"} in its record. */
        TOAST_COLUMNS_DETECTED("toast_columns_detected"),
        /** A {@code sequin:transaction_annotations.set} message did not hold a JSON object. */
        INVALID_TRANSACTION_ANNOTATION("invalid_transaction_annotation_received");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** Sequin's name for the warning. */
        public String code() {
            return code;
        }
    }
}
