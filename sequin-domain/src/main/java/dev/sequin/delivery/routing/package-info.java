/**
 * Routing: which sinks of a slot receive a change (table selection, actions, status), and under
 * which message group it waits in each sink's queue.
 */
package dev.sequin.delivery.routing;
