package dev.sequin.app.endpoints;

import dev.sequin.crypto.Vault;
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
 * {@code /api/destinations/http_endpoints} (contract §4): list, create, and get, update (PUT and
 * PATCH both partial) or delete by id or name.
 */
@RestController
@RequestMapping(path = "/api/destinations/http_endpoints", produces = "application/json")
class HttpEndpointController {

    private final HttpEndpointService service;
    private final Vault vault;

    HttpEndpointController(HttpEndpointService service, Vault vault) {
        this.service = service;
        this.vault = vault;
    }

    @GetMapping
    Map<String, Object> list() {
        return Map.of("data", service.list().stream().map(e -> HttpEndpointJson.render(e, vault)).toList());
    }

    @GetMapping("/{idOrName}")
    Map<String, Object> get(@PathVariable String idOrName) {
        return HttpEndpointJson.render(service.get(idOrName), vault);
    }

    /** 200, not 201: Sequin answers a create with the resource and a plain 200. */
    @PostMapping(consumes = "application/json")
    Map<String, Object> create(@RequestBody JsonNode body) {
        return HttpEndpointJson.render(service.create(HttpEndpointRequest.read(body)), vault);
    }

    @RequestMapping(path = "/{idOrName}", method = {RequestMethod.PUT, RequestMethod.PATCH}, consumes = "application/json")
    Map<String, Object> update(@PathVariable String idOrName, @RequestBody JsonNode body) {
        return HttpEndpointJson.render(service.update(idOrName, HttpEndpointRequest.read(body)), vault);
    }

    @DeleteMapping("/{idOrName}")
    Map<String, Object> delete(@PathVariable String idOrName) {
        UUID id = service.delete(idOrName);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.toString());
        json.put("deleted", true);
        return json;
    }
}
