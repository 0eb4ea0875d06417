package dev.sequin.sink;

import dev.sequin.crypto.Vault;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery side's read of HTTP endpoints: a fresh {@link HttpEndpointSpec}, secrets decrypted,
 * on every call (nothing cached; re-read after {@code ConfigChanged(HTTP_ENDPOINT, id)}).
 * Thread-safe.
 */
@Service
@Transactional(readOnly = true)
public class HttpEndpoints {

    private final HttpEndpointRepository repository;
    private final Vault vault;

    public HttpEndpoints(HttpEndpointRepository repository, Vault vault) {
        this.repository = repository;
        this.vault = vault;
    }

    /** @throws IllegalStateException when a stored secret cannot be decrypted (VAULT_KEY changed) */
    public Optional<HttpEndpointSpec> byId(UUID id) {
        return repository.findById(id).map(endpoint -> endpoint.toSpec(vault));
    }
}
