/**
 * Delivery, seen from both sides: {@link dev.sequin.delivery.ChangeIntake} is what the slot
 * reader hands changes to, {@link dev.sequin.delivery.SinkClient} is what each sink type
 * implements. Between them: {@code routing} (which sinks want a change) and {@code queue} (the
 * per-sink queue with per-group ordering and the dispatcher that drains it).
 */
package dev.sequin.delivery;
