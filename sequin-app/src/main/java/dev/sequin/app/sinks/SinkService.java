package dev.sequin.app.sinks;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.config.ConfigChanged;
import dev.sequin.sink.HttpEndpoint;
import dev.sequin.sink.HttpEndpointRepository;
import dev.sequin.sink.Sink;
import dev.sequin.sink.SinkRepository;
import dev.sequin.source.PostgresDatabase;
import dev.sequin.source.PostgresDatabaseRepository;
import dev.sequin.source.SourceDatabases;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Creates, updates and deletes sinks. Each write reads the whole request, validates the result
 * (fields, cross-field rules, tables in the source) and only then writes, in one transaction;
 * {@link ConfigChanged} follows the commit so the pipeline reconciles on committed state only.
 */
@Component
class SinkService implements SinkRequest.Resolver {

    private final SinkRepository sinks;
    private final HttpEndpointRepository endpoints;
    private final PostgresDatabaseRepository databases;
    private final SourceTableCheck tableCheck;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    SinkService(SinkRepository sinks, HttpEndpointRepository endpoints, PostgresDatabaseRepository databases,
                SourceTableCheck tableCheck, TransactionTemplate transaction, ApplicationEventPublisher events) {
        this.sinks = sinks;
        this.endpoints = endpoints;
        this.databases = databases;
        this.tableCheck = tableCheck;
        this.transaction = transaction;
        this.events = events;
    }

    List<Sink> list() {
        return sinks.findAllByOrderByName();
    }

    Sink get(String idOrName) {
        return sinks.findByIdOrName(idOrName).orElseThrow(() -> ApiProblem.notFound("Sink", idOrName));
    }

    Sink create(JsonNode body) {
        SinkDraft draft = SinkDraft.empty();
        SinkRequest.read(body, draft, true, this);
        SinkValidation.check(draft);
        tableCheck.check(draft);
        Sink saved = write(() -> {
            requireUniqueName(draft.name, null);
            return sinks.saveAndFlush(new Sink(draft.build()));
        });
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.SINK, saved.getId()));
        return saved;
    }

    Sink update(String idOrName, JsonNode body) {
        Sink current = get(idOrName);
        SinkDraft draft = SinkDraft.of(current.definition());
        SinkRequest.read(body, draft, false, this);
        SinkValidation.check(draft);
        if (draft.tablesTouched) {
            tableCheck.check(draft);
        }
        Sink saved = write(() -> {
            Sink sink = sinks.findById(current.getId()).orElseThrow(() -> ApiProblem.notFound("Sink", idOrName));
            requireUniqueName(draft.name, sink.getId());
            sink.apply(draft.build());
            return sinks.saveAndFlush(sink);
        });
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.SINK, saved.getId()));
        return saved;
    }

    UUID delete(String idOrName) {
        UUID id = transaction.execute(status -> {
            Sink sink = get(idOrName);
            sinks.delete(sink);
            sinks.flush();
            return sink.getId();
        });
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.SINK, id));
        return id;
    }

    @Override
    public UUID databaseId(String idOrName) {
        return SourceDatabases.findEntity(databases, idOrName).map(PostgresDatabase::getId)
                .orElseThrow(() -> ApiProblem.invalid("database", "database " + idOrName + " does not exist"));
    }

    @Override
    public UUID httpEndpointId(String idOrName) {
        return endpoints.findByIdOrName(idOrName).map(HttpEndpoint::getId)
                .orElseThrow(() -> ApiProblem.invalid("destination.http_endpoint",
                        "HTTP endpoint " + idOrName + " does not exist"));
    }

    private void requireUniqueName(String name, UUID self) {
        sinks.findByName(name).filter(other -> !other.getId().equals(self)).ifPresent(other -> {
            throw ApiProblem.invalid("name", "has already been taken");
        });
    }

    /**
     * Runs a write in one transaction. A constraint another request won meanwhile (the same name,
     * or a database or endpoint deleted since validation) is a 422 too, never a 500.
     */
    private Sink write(Supplier<Sink> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (DataIntegrityViolationException e) {
            String cause = String.valueOf(e.getMostSpecificCause().getMessage());
            if (cause.contains("sinks_name_key")) {
                throw ApiProblem.invalid("name", "has already been taken");
            }
            throw ApiProblem.unprocessable("The sink refers to a database or HTTP endpoint that no longer exists");
        }
    }
}
