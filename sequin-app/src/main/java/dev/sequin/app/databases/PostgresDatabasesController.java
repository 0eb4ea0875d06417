package dev.sequin.app.databases;

import dev.sequin.crypto.Vault;
import dev.sequin.replication.source.SourceProblem;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/postgres_databases} (contract §4). Path parameters are an id or a name. */
@RestController
@RequestMapping(path = "/api/postgres_databases", produces = "application/json")
class PostgresDatabasesController {

    private final DatabaseService service;
    private final DatabaseStore store;

    PostgresDatabasesController(DatabaseService service, Vault vault) {
        this.service = service;
        this.store = new DatabaseStore(vault);
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(name = "show_sensitive", defaultValue = "false") boolean showSensitive) {
        return Map.of("data", service.list().stream().map(db -> DatabaseJson.render(db, store, showSensitive)).toList());
    }

    @GetMapping("/{idOrName}")
    Map<String, Object> show(@PathVariable String idOrName,
                             @RequestParam(name = "show_sensitive", defaultValue = "false") boolean showSensitive) {
        return DatabaseJson.render(service.get(idOrName), store, showSensitive);
    }

    @PostMapping(consumes = "application/json")
    Map<String, Object> create(@RequestBody(required = false) JsonNode body) {
        return DatabaseJson.render(service.create(body), store, false);
    }

    @RequestMapping(path = "/{idOrName}", method = {RequestMethod.PUT, RequestMethod.PATCH}, consumes = "application/json")
    Map<String, Object> update(@PathVariable String idOrName, @RequestBody(required = false) JsonNode body) {
        return DatabaseJson.render(service.update(idOrName, body), store, false);
    }

    @DeleteMapping("/{idOrName}")
    Map<String, Object> delete(@PathVariable String idOrName) {
        return Map.of("success", true, "id", service.delete(idOrName).toString());
    }

    /** {@code {"success": true}}, or 422 {@code {"success": false, "reason": "…"}} naming the fix. */
    @PostMapping("/{idOrName}/test_connection")
    Map<String, Object> testConnection(@PathVariable String idOrName) {
        List<SourceProblem> problems = service.testConnection(idOrName);
        if (!problems.isEmpty()) {
            throw DatabaseService.failure(problems.get(0));
        }
        return Map.of("success", true);
    }

    @PostMapping("/{idOrName}/refresh_tables")
    Map<String, Object> refreshTables(@PathVariable String idOrName) {
        service.refreshTables(idOrName);
        return Map.of("success", true);
    }
}
