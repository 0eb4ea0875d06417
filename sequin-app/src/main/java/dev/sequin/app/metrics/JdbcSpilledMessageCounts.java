package dev.sequin.app.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts {@code sink_messages} rows per sink with one query. Exact, but it scans the backlog: fine
 * at the poll interval, to be replaced by the backlog's own count where it keeps one.
 */
@Component
class JdbcSpilledMessageCounts implements SpilledMessageCounts {

    private final JdbcTemplate jdbc;

    JdbcSpilledMessageCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, Long> bySink() {
        Map<UUID, Long> out = new HashMap<>();
        jdbc.query("SELECT sink_id, count(*) FROM sink_messages GROUP BY sink_id",
                rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return out;
    }
}
