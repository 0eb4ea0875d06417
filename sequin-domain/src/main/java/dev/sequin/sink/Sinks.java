package dev.sequin.sink;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline's read side of sink configuration: fresh, immutable {@link SinkSpec}s on every call
 * (nothing cached, so a call after {@code ConfigChanged(SINK, id)} sees the change). Thread-safe.
 */
@Service
@Transactional(readOnly = true)
public class Sinks {

    private final SinkRepository repository;

    public Sinks(SinkRepository repository) {
        this.repository = repository;
    }

    /** Every sink, whatever its status, ordered by name. */
    public List<SinkSpec> all() {
        return repository.findAllByOrderByName().stream().map(Sink::toSpec).toList();
    }

    /** A sink by id or name (contract §4), or empty when there is none. */
    public Optional<SinkSpec> find(String idOrName) {
        return repository.findByIdOrName(idOrName).map(Sink::toSpec);
    }

    /** The sinks that read from one source database, whatever their status, ordered by name. */
    public List<SinkSpec> forDatabase(UUID databaseId) {
        return repository.findByDatabaseIdOrderByName(databaseId).stream().map(Sink::toSpec).toList();
    }
}
