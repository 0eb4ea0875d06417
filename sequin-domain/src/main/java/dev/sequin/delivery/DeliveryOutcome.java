package dev.sequin.delivery;

/**
 * What a sink client made of one batch. The whole batch shares the outcome: there is no partial
 * acknowledgement (contract §2).
 */
public sealed interface DeliveryOutcome {

    /** The destination accepted the whole batch. */
    record Delivered() implements DeliveryOutcome {
    }

    /** A transient failure: try again after the backoff. {@code reason} is shown to operators. */
    record RetryLater(String reason) implements DeliveryOutcome {
    }

    /**
     * The destination can never take these messages as they are (e.g. larger than it accepts).
     * Retrying the same bytes is pointless; the framework sets them aside instead of dropping them.
     */
    record Rejected(String reason) implements DeliveryOutcome {
    }

    static DeliveryOutcome delivered() {
        return new Delivered();
    }
}
