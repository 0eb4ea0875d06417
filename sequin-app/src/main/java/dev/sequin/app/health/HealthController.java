package dev.sequin.app.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import java.sql.Connection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sequin's {@code GET /health} (checks our own Postgres), {@code /info} and {@code /info/version}
 * (contract §4.2). Pipeline health is reported per sink and database, not here.
 */
@RestController
class HealthController {

    private final DataSource dataSource;
    private final String version;

    HealthController(DataSource dataSource, @Value("${sequin.version:0.1.0}") String version) {
        this.dataSource = dataSource;
        this.version = version;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                return ResponseEntity.ok(Map.of("ok", true, "rev", version));
            }
            return failure("own database connection is not valid");
        } catch (Exception e) {
            return failure("own database unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ResponseEntity<Map<String, Object>> failure(String details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error", "Error with service: postgres");
        body.put("details", details);
        return ResponseEntity.internalServerError().body(body);
    }

    @GetMapping("/info/version")
    Map<String, Object> version() {
        return Map.of("version", version);
    }

    @GetMapping("/info")
    Map<String, Object> info() {
        return Map.of("version", version, "nodes", List.of(hostname()));
    }

    private static String hostname() {
        String host = System.getenv("HOSTNAME");
        return host == null ? "localhost" : host;
    }
}
