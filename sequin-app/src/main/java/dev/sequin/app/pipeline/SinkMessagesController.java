package dev.sequin.app.pipeline;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.delivery.queue.FailingMessage;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.Sinks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/sinks/{id_or_name}/messages}: the sink's messages whose delivery has failed at
 * least once, with attempt count, next attempt time and last error (our extension; Sequin shows
 * these only in its console). No payloads: table, keys and position identify each message.
 */
@RestController
class SinkMessagesController {

    private final Sinks sinks;
    private final PipelineSupervisor supervisor;

    SinkMessagesController(Sinks sinks, PipelineSupervisor supervisor) {
        this.sinks = sinks;
        this.supervisor = supervisor;
    }

    @GetMapping("/api/sinks/{idOrName}/messages")
    Map<String, Object> failing(@PathVariable String idOrName,
                                @RequestParam(name = "state", defaultValue = "failing") String state,
                                @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (!"failing".equals(state)) {
            throw ApiProblem.badRequest("Invalid `state`. Supported: failing");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.badRequest("Invalid `limit`. Must be between 1 and 1000");
        }
        SinkSpec sink = sinks.find(idOrName).orElseThrow(() -> ApiProblem.notFound("Sink", idOrName));
        List<Map<String, Object>> data = new ArrayList<>();
        for (FailingMessage m : supervisor.failing(sink, limit).orElse(List.of())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("table", m.table());
            row.put("record_pks", m.recordPks());
            row.put("idempotency_key", m.idempotencyKey());
            row.put("commit_lsn", m.commitLsn());
            row.put("commit_idx", m.commitIdx());
            row.put("state", "failing");
            row.put("deliver_count", m.attempts());
            row.put("not_visible_until", m.nextAttemptAt().toString());
            row.put("last_error", m.lastError());
            data.add(row);
        }
        return Map.of("data", data);
    }
}
