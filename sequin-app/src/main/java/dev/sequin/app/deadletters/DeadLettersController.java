package dev.sequin.app.deadletters;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.Sinks;
import dev.sequin.source.SourceDatabase;
import dev.sequin.source.SourceDatabases;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/sinks/{sink}/dead_letters}: our extension (Sequin deletes exhausted messages). List
 * with filters and keyset paging, inspect one entry with the exact message JSON, replay into the
 * sink's backlog, discard, and read the audit trail.
 */
@RestController
@RequestMapping("/api/sinks/{sink}/dead_letters")
class DeadLettersController {

    private static final Set<String> EVENTS = Set.of("stored", "replayed", "discarded");

    private final Sinks sinks;
    private final SourceDatabases databases;
    private final DeadLetterService service;

    DeadLettersController(Sinks sinks, SourceDatabases databases, DeadLetterService service) {
        this.sinks = sinks;
        this.databases = databases;
        this.service = service;
    }

    @GetMapping
    Map<String, Object> list(@PathVariable String sink,
                             @RequestParam(required = false) String table,
                             @RequestParam(required = false) String error,
                             @RequestParam(required = false) String before,
                             @RequestParam(defaultValue = "100") int limit) {
        checkLimit(limit);
        DeadLetterFilter filter = DeadLetterFilter.parse(table, error, before);
        SinkSpec spec = sink(sink);
        return Map.of("data", service.list(spec.id(), filter, limit).stream().map(DeadLetterJson::summary).toList());
    }

    @GetMapping("/events")
    Map<String, Object> events(@PathVariable String sink,
                               @RequestParam(required = false) String event,
                               @RequestParam(name = "dead_letter_id", required = false) String deadLetterId,
                               @RequestParam(required = false) Long before,
                               @RequestParam(defaultValue = "100") int limit) {
        checkLimit(limit);
        if (event != null && !EVENTS.contains(event)) {
            throw ApiProblem.badRequest("Invalid `event`. Supported: discarded, replayed, stored");
        }
        UUID letter = null;
        if (deadLetterId != null) {
            letter = uuid(deadLetterId);
            if (letter == null) {
                throw ApiProblem.badRequest("Invalid `dead_letter_id`. Expected a dead letter id");
            }
        }
        SinkSpec spec = sink(sink);
        List<Map<String, Object>> data = service.events(spec.id(), event, letter, before, limit);
        return Map.of("data", data);
    }

    @GetMapping("/{id}")
    Map<String, Object> show(@PathVariable String sink, @PathVariable String id) {
        SinkSpec spec = sink(sink);
        UUID letterId = uuid(id);
        DeadLetterEntry entry = (letterId == null ? java.util.Optional.<DeadLetterEntry>empty() : service.find(spec.id(), letterId))
                .orElseThrow(() -> ApiProblem.notFound("Dead letter", id));
        SourceDatabase db = databases.byId(spec.databaseId())
                .orElseThrow(() -> new IllegalStateException("Source database of sink " + spec.name() + " is gone"));
        return DeadLetterJson.detail(entry, spec.encoder(db));
    }

    @PostMapping("/replay")
    Map<String, Object> replay(@PathVariable String sink, @RequestBody(required = false) JsonNode body, Principal principal) {
        SinkSpec spec = sink(sink);
        DeadLetterSelection selection = DeadLetterSelection.read(body);
        return Map.of("success", true, "count", service.replay(spec.id(), selection, actor(principal)));
    }

    @PostMapping("/discard")
    Map<String, Object> discard(@PathVariable String sink, @RequestBody(required = false) JsonNode body, Principal principal) {
        SinkSpec spec = sink(sink);
        DeadLetterSelection selection = DeadLetterSelection.read(body);
        return Map.of("success", true, "count", service.discard(spec.id(), selection, actor(principal)));
    }

    private SinkSpec sink(String idOrName) {
        return sinks.find(idOrName).orElseThrow(() -> ApiProblem.notFound("Sink", idOrName));
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.badRequest("Invalid `limit`. Must be between 1 and 1000");
        }
    }

    private static String actor(Principal principal) {
        return principal == null ? "api" : principal.getName();
    }

    private static UUID uuid(String value) {
        if (value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
