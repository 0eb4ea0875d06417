package dev.sequin.app.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link StoredSinkState} from our Postgres. The backlog query scans {@code sink_messages} once per
 * poll for exact counts and ages (ages computed by the database's clock, the one that stamped the
 * rows); fine at the poll interval, to be replaced by the backlog's own bookkeeping where it keeps
 * one. Dead letters are found through their {@code (sink_id, inserted_at)} index.
 */
@Component
class JdbcStoredSinkState implements StoredSinkState {

    private final JdbcTemplate jdbc;

    JdbcStoredSinkState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, Backlog> backlogs() {
        Map<UUID, Backlog> out = new HashMap<>();
        jdbc.query("SELECT sink_id, count(*), extract(epoch FROM clock_timestamp() - min(inserted_at)) * 1000"
                        + " FROM sink_messages GROUP BY sink_id",
                rs -> {
                    out.put(rs.getObject(1, UUID.class), new Backlog(rs.getLong(2), rs.getDouble(3)));
                });
        return out;
    }

    @Override
    public Set<UUID> deadLetteredWithin(Duration window) {
        Set<UUID> out = new HashSet<>();
        jdbc.query("SELECT DISTINCT sink_id FROM dead_letters WHERE inserted_at > clock_timestamp() - make_interval(secs => ?)",
                rs -> {
                    out.add(rs.getObject(1, UUID.class));
                }, (double) window.toSeconds());
        return out;
    }
}
