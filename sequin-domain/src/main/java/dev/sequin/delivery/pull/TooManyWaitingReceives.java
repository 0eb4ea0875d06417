package dev.sequin.delivery.pull;

/**
 * A receive would wait while {@code max_waiting} receives already wait on the consumer (contract
 * §3, enforced by us: §8 R6). The caller answers 429 and should retry later.
 */
public final class TooManyWaitingReceives extends RuntimeException {

    private final int maxWaiting;

    public TooManyWaitingReceives(int maxWaiting) {
        super("max_waiting " + maxWaiting + " reached", null, false, false);
        this.maxWaiting = maxWaiting;
    }

    public int maxWaiting() {
        return maxWaiting;
    }
}
