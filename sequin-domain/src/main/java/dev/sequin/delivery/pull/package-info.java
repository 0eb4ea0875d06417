/**
 * The pull side of delivery (contract §3, "Sequin Stream"): consumers receive messages from a
 * sink's queue, hold them for the visibility timeout, and acknowledge or nack them. Works on the
 * same per-sink queues and durable backlogs as pushing sinks, with the same ordering rule: no
 * message of a group is handed out while an earlier one of that group is held.
 */
package dev.sequin.delivery.pull;
