package dev.sequin.app.security;

import dev.sequin.account.ApiToken;
import dev.sequin.account.ApiTokenRepository;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a bearer token is one of ours, remembering valid tokens for a short while. A pull
 * worker sends two requests per batch; without this each would cost a database round trip
 * before any work. A token removed from the database stops working within {@link #REMEMBER}.
 * Only valid tokens are remembered, so guessing fills nothing.
 */
final class VerifiedTokens {

    static final Duration REMEMBER = Duration.ofSeconds(10);
    private static final int MAX_REMEMBERED = 1_000;

    private final ApiTokenRepository tokens;
    /** Token hash → {@link System#nanoTime()} until which it counts as valid. */
    private final ConcurrentHashMap<String, Long> validUntil = new ConcurrentHashMap<>();

    VerifiedTokens(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    boolean isValid(String token) {
        String hash = ApiToken.hash(token);
        long now = System.nanoTime();
        Long until = validUntil.get(hash);
        if (until != null && now - until < 0) {
            return true;
        }
        if (!tokens.existsByTokenHash(hash)) {
            validUntil.remove(hash);
            return false;
        }
        if (validUntil.size() >= MAX_REMEMBERED) {
            validUntil.clear();
        }
        validUntil.put(hash, now + REMEMBER.toNanos());
        return true;
    }
}
