package dev.sequin.app.pull;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.app.pipeline.RunningPipelines;
import dev.sequin.delivery.pull.Lease;
import dev.sequin.delivery.pull.PullConsumer;
import dev.sequin.delivery.pull.TooManyWaitingReceives;
import dev.sequin.sink.SequinStreamDestination;
import dev.sequin.sink.Sinks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The Sequin Stream API (contract §3) under both prefixes: receive (GET with query parameters or
 * POST with a JSON body), ack and nack; plus our extension {@code extend}, which keeps held
 * messages invisible longer. Receives long-poll on the consumer's queue: they answer as soon as a
 * message is available, holding a request thread while they wait (at most {@code max_waiting}
 * per sink).
 */
@RestController
@RequestMapping({"/api/sequin_streams/{idOrName}", "/api/http_pull_consumers/{idOrName}"})
class SequinStreamController {

    private static final Map<String, Object> SUCCESS = Map.of("success", true);

    private final Sinks sinks;
    private final RunningPipelines running;

    SequinStreamController(Sinks sinks, RunningPipelines running) {
        this.sinks = sinks;
        this.running = running;
    }

    @GetMapping("/receive")
    ResponseEntity<byte[]> receive(@PathVariable String idOrName,
                                   @RequestParam(name = "batch_size", required = false) String batchSize,
                                   @RequestParam(name = "max_batch_size", required = false) String maxBatchSize,
                                   @RequestParam(name = "wait_for", required = false) String waitFor) {
        return receive(idOrName, ReceiveRequest.of(batchSize != null ? batchSize : maxBatchSize, waitFor));
    }

    @PostMapping(path = "/receive", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> receive(@PathVariable String idOrName, @RequestBody(required = false) JsonNode body) {
        if (body != null && !body.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object");
        }
        Object batchSize = body == null ? null : value(body.has("batch_size") ? body.get("batch_size") : body.get("max_batch_size"));
        Object waitFor = body == null ? null : value(body.get("wait_for"));
        return receive(idOrName, ReceiveRequest.of(batchSize, waitFor));
    }

    private ResponseEntity<byte[]> receive(String idOrName, ReceiveRequest request) {
        Optional<PullConsumer> consumer = consumer(idOrName);
        List<Lease> leases;
        try {
            leases = consumer.isPresent()
                    ? consumer.get().receive(request.batchSize(), request.waitFor())
                    : waitForNothing(request.waitFor());
        } catch (TooManyWaitingReceives e) {
            throw ApiProblem.tooManyRequests("Too many concurrent receive requests are waiting on this consumer "
                    + "(max_waiting is " + e.maxWaiting() + "). Retry later, or raise the sink's max_waiting.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leases = List.of();
        }
        byte[] json = ReceiveResponse.write(leases, consumer.map(PullConsumer::encoder).orElse(null));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    /**
     * A sink that is not running (disabled, or its database's pipeline is down) has nothing to
     * hand out; the receive still honours {@code wait_for}, so pullers do not spin.
     */
    private static List<Lease> waitForNothing(Duration waitFor) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(waitFor.toMillis());
        return List.of();
    }

    @PostMapping(path = "/ack", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> ack(@PathVariable String idOrName, @RequestBody(required = false) JsonNode body) {
        Optional<PullConsumer> consumer = consumer(idOrName);
        var ids = AckRequest.ackIds(body);
        consumer.ifPresent(c -> c.ack(ids));
        return SUCCESS;
    }

    @PostMapping(path = "/nack", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> nack(@PathVariable String idOrName, @RequestBody(required = false) JsonNode body) {
        Optional<PullConsumer> consumer = consumer(idOrName);
        var ids = AckRequest.ackIds(body);
        Duration delay = AckRequest.nackDelay(body);
        consumer.ifPresent(c -> c.nack(ids, delay));
        return SUCCESS;
    }

    /** Our extension: held messages stay invisible for {@code visibility_timeout_ms} from now. */
    @PostMapping(path = "/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> extend(@PathVariable String idOrName, @RequestBody(required = false) JsonNode body) {
        Optional<PullConsumer> consumer = consumer(idOrName);
        var ids = AckRequest.ackIds(body);
        Duration visibility = AckRequest.visibility(body);
        consumer.ifPresent(c -> c.extend(ids, visibility));
        return SUCCESS;
    }

    /**
     * The running consumer of the stream sink, found in memory; empty for a stream sink that is
     * not running. A 404 when no {@code sequin_stream} sink has this id or name.
     */
    private Optional<PullConsumer> consumer(String idOrName) {
        Optional<PullConsumer> consumer = running.pullConsumer(idOrName);
        if (consumer.isEmpty()) {
            sinks.find(idOrName)
                    .filter(sink -> sink.destination() instanceof SequinStreamDestination)
                    .orElseThrow(() -> ApiProblem.notFound("Sequin Stream", idOrName));
        }
        return consumer;
    }

    /** A JSON value as {@link ReceiveRequest} takes it: number, text, or the node itself (invalid). */
    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        return node.isString() ? node.asString() : node;
    }
}
