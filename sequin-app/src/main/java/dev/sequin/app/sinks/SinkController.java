package dev.sequin.app.sinks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/sinks} (contract §4): list, create, and get, update (PUT and PATCH both partial) or
 * delete by id or name.
 */
@RestController
@RequestMapping(path = "/api/sinks", produces = "application/json")
class SinkController {

    private final SinkService service;
    private final SinkJson json;

    SinkController(SinkService service, SinkJson json) {
        this.service = service;
        this.json = json;
    }

    @GetMapping
    Map<String, Object> list() {
        return Map.of("data", service.list().stream().map(json::render).toList());
    }

    @GetMapping("/{idOrName}")
    Map<String, Object> get(@PathVariable String idOrName) {
        return json.render(service.get(idOrName));
    }

    /** 200, not 201: Sequin answers a create with the resource and a plain 200. */
    @PostMapping(consumes = "application/json")
    Map<String, Object> create(@RequestBody JsonNode body) {
        return json.render(service.create(body));
    }

    @RequestMapping(path = "/{idOrName}", method = {RequestMethod.PUT, RequestMethod.PATCH}, consumes = "application/json")
    Map<String, Object> update(@PathVariable String idOrName, @RequestBody JsonNode body) {
        return json.render(service.update(idOrName, body));
    }

    @DeleteMapping("/{idOrName}")
    Map<String, Object> delete(@PathVariable String idOrName) {
        UUID id = service.delete(idOrName);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id.toString());
        out.put("deleted", true);
        return out;
    }
}
