package dev.sequin.delivery.push;

import dev.sequin.delivery.Backoff;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * Sequin's redelivery backoff (contract §2): {@code 1 s × 2^(n-1)} after the n-th failed attempt,
 * randomised by ±15 %, capped at 600 s; computed by Resilience4j's interval function.
 */
public final class ExponentialBackoff implements Backoff {

    private final IntervalFunction intervals;

    public ExponentialBackoff(Duration initial, double multiplier, double jitter, Duration cap) {
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, jitter, cap);
    }

    /** 1 s doubling, ±15 % jitter, capped at 10 minutes. */
    public static ExponentialBackoff sequinDefault() {
        return new ExponentialBackoff(Duration.ofSeconds(1), 2.0, 0.15, Duration.ofMinutes(10));
    }

    @Override
    public Duration delayAfter(int failedAttempts) {
        return Duration.ofMillis(intervals.apply(Math.max(1, failedAttempts)));
    }
}
