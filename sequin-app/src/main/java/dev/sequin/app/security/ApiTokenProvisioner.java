package dev.sequin.app.security;

import dev.sequin.account.ApiToken;
import dev.sequin.account.ApiTokenRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Provisions the token in {@code SEQUIN_API_TOKEN} at start-up (stored hashed, under the name
 * {@code SEQUIN_API_TOKEN}), so scripts can call the API without a console visit. Runs before the
 * web server opens, so the first request after {@code /health} answers is already authorised.
 */
@Component
class ApiTokenProvisioner implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenProvisioner.class);
    static final String NAME = "SEQUIN_API_TOKEN";

    private final ApiTokenRepository tokens;
    private final String token;

    ApiTokenProvisioner(ApiTokenRepository tokens, @Value("${SEQUIN_API_TOKEN:}") String token) {
        this.tokens = tokens;
        this.token = token;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (token == null || token.isBlank()) {
            if (tokens.count() == 0) {
                log.warn("No API token exists: set SEQUIN_API_TOKEN to provision one, or every /api request will be refused");
            }
            return;
        }
        if (tokens.existsByTokenHash(ApiToken.hash(token))) {
            return;
        }
        tokens.findByName(NAME).ifPresent(tokens::delete);
        tokens.flush();
        tokens.save(new ApiToken(NAME, token));
        log.info("Provisioned the API token from SEQUIN_API_TOKEN");
    }
}
