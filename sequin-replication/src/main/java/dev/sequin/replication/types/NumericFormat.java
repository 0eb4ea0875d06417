package dev.sequin.replication.types;

/** How {@code numeric} values appear in JSON (contract §9, decision D1). */
public enum NumericFormat {
    /** {@code "199.99"}: lossless, and what a running Sequin sends. The default. */
    STRING,
    /**
     * {@code 199.99}: a JSON number with every digit Postgres printed; consumers that parse into
     * doubles may round. {@code NaN} and the infinities stay strings.
     */
    NUMBER
}
