/**
 * Postgres text values to JSON, as Sequin encodes them (contract §1.8): the {@link
 * dev.sequin.replication.types.JsonValueEncoder} turns one column value, given its resolved {@link
 * dev.sequin.replication.types.ValueType}, into JSON text. Types are known to pgoutput only by OID,
 * so a {@link dev.sequin.replication.types.TypeCatalog} describes them (builtins statically,
 * everything else from {@code pg_type}, cached); the encoder itself is pure.
 *
 * <p>Values arrive in the text forms produced under the session settings the slot reader fixes:
 * {@code DateStyle=ISO}, {@code TimeZone=UTC}, {@code IntervalStyle=postgres},
 * {@code extra_float_digits=3}, {@code bytea_output=hex}.
 */
package dev.sequin.replication.types;
