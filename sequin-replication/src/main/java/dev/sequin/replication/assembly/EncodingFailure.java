package dev.sequin.replication.assembly;

import java.util.Objects;

/**
 * Why a change could not be fully encoded: the column, its type, and what was wrong (never the
 * value itself, which stays out of logs).
 */
public record EncodingFailure(String column, String typeName, String reason) {

    public EncodingFailure {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(reason, "reason");
    }
}
