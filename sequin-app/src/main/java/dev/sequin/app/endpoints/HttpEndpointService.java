package dev.sequin.app.endpoints;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.config.ConfigChanged;
import dev.sequin.crypto.Secret;
import dev.sequin.crypto.SecretMask;
import dev.sequin.crypto.Vault;
import dev.sequin.sink.HttpEndpoint;
import dev.sequin.sink.HttpEndpointRepository;
import dev.sequin.sink.Sink;
import dev.sequin.sink.SinkRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, updates and deletes endpoints: each write validated in full, done in one transaction,
 * and announced with {@link ConfigChanged} once committed, so the pipeline never sees a state
 * that was rolled back.
 */
@Component
class HttpEndpointService {

    private final HttpEndpointRepository endpoints;
    private final SinkRepository sinks;
    private final Vault vault;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    HttpEndpointService(HttpEndpointRepository endpoints, SinkRepository sinks, Vault vault,
                        TransactionTemplate transaction, ApplicationEventPublisher events) {
        this.endpoints = endpoints;
        this.sinks = sinks;
        this.vault = vault;
        this.transaction = transaction;
        this.events = events;
    }

    List<HttpEndpoint> list() {
        return endpoints.findAll().stream()
                .sorted((a, b) -> a.getInsertedAt().compareTo(b.getInsertedAt())).toList();
    }

    HttpEndpoint get(String idOrName) {
        return endpoints.findByIdOrName(idOrName).orElseThrow(() -> ApiProblem.notFound("HTTP endpoint", idOrName));
    }

    HttpEndpoint create(HttpEndpointRequest request) {
        if (request.name() == null) {
            throw ApiProblem.invalid("name", "can't be blank");
        }
        if (request.url() == null) {
            throw ApiProblem.invalid("url", "can't be blank");
        }
        HttpEndpoint saved = write(() -> {
            requireUniqueName(request.name(), null);
            HttpEndpoint endpoint = new HttpEndpoint(request.name(), request.url());
            applyRest(endpoint, request);
            return endpoints.saveAndFlush(endpoint);
        });
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.HTTP_ENDPOINT, saved.getId()));
        return saved;
    }

    HttpEndpoint update(String idOrName, HttpEndpointRequest request) {
        HttpEndpoint saved = write(() -> {
            HttpEndpoint endpoint = get(idOrName);
            if (request.name() != null) {
                requireUniqueName(request.name(), endpoint.getId());
                endpoint.setName(request.name());
            }
            if (request.url() != null) {
                endpoint.setUrl(request.url());
            }
            applyRest(endpoint, request);
            return endpoints.saveAndFlush(endpoint);
        });
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.HTTP_ENDPOINT, saved.getId()));
        return saved;
    }

    /** @throws ApiProblem 422 while a sink sends to the endpoint */
    UUID delete(String idOrName) {
        UUID id = transaction.execute(status -> {
            HttpEndpoint endpoint = get(idOrName);
            List<String> users = sinks.findByHttpEndpointIdOrderByName(endpoint.getId()).stream()
                    .map(Sink::getName).toList();
            if (!users.isEmpty()) {
                throw ApiProblem.unprocessable("HTTP endpoint " + endpoint.getName()
                        + " is used by sinks " + String.join(", ", users) + "; delete them or change their destination first");
            }
            endpoints.delete(endpoint);
            endpoints.flush();
            return endpoint.getId();
        });
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.HTTP_ENDPOINT, id));
        return id;
    }

    private void applyRest(HttpEndpoint endpoint, HttpEndpointRequest request) {
        if (request.headers() != null) {
            endpoint.setHeaders(request.headers());
        }
        if (request.encryptedHeaders() != null) {
            endpoint.setEncryptedHeaders(keepMaskedValues(endpoint.encryptedHeaders(vault), request.encryptedHeaders()), vault);
        }
        if (request.signingSecretSet()) {
            endpoint.setSigningSecret(request.signingSecret(), vault);
        }
    }

    /**
     * A value sent back exactly as we masked it (a GET edited and PUT back) keeps the stored secret
     * instead of replacing it with asterisks.
     */
    private static Map<String, String> keepMaskedValues(Map<String, Secret> stored, Map<String, String> requested) {
        Map<String, String> out = new LinkedHashMap<>();
        requested.forEach((key, value) -> {
            Secret old = stored.get(key);
            out.put(key, old != null && value.equals(SecretMask.mask(old.reveal())) ? old.reveal() : value);
        });
        return out;
    }

    private void requireUniqueName(String name, UUID self) {
        endpoints.findByName(name).filter(other -> !other.getId().equals(self)).ifPresent(other -> {
            throw ApiProblem.invalid("name", "has already been taken");
        });
    }

    /** Runs a write in one transaction; a unique-name race lost to another request is a 422 too. */
    private HttpEndpoint write(Supplier<HttpEndpoint> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (DataIntegrityViolationException e) {
            throw ApiProblem.invalid("name", "has already been taken");
        }
    }
}
