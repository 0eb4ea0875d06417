package dev.sequin.replication.types;

import java.util.Objects;

/** Choices in how values are encoded that are not fixed by the contract. */
public record EncodingOptions(NumericFormat numericFormat) {

    /** Sequin's behaviour. */
    public static final EncodingOptions DEFAULTS = new EncodingOptions(NumericFormat.STRING);

    public EncodingOptions {
        Objects.requireNonNull(numericFormat, "numericFormat");
    }
}
