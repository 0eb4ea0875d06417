package dev.sequin.crypto;

import java.util.Objects;

/**
 * A secret value in memory. {@link #toString()} masks it, so a secret that reaches a log line or
 * an exception message by accident is not revealed; {@link #reveal()} is the one way to read it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return SecretMask.mask(value);
    }
}
