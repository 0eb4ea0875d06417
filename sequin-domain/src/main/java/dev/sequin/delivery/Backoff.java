package dev.sequin.delivery;

import java.time.Duration;

/** How long a failed message waits before its next attempt. */
@FunctionalInterface
public interface Backoff {

    /** @param failedAttempts how many attempts have failed so far (≥ 1) */
    Duration delayAfter(int failedAttempts);
}
