package dev.sequin.sink;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stored sinks; names are unique. */
public interface SinkRepository extends JpaRepository<Sink, UUID> {

    Optional<Sink> findByName(String name);

    List<Sink> findByDatabaseIdOrderByName(UUID databaseId);

    List<Sink> findAllByOrderByName();

    boolean existsByHttpEndpointId(UUID httpEndpointId);

    List<Sink> findByHttpEndpointIdOrderByName(UUID httpEndpointId);

    /** By id when {@code idOrName} is a uuid of a sink, else by name (contract §4). */
    default Optional<Sink> findByIdOrName(String idOrName) {
        return IdOrName.asUuid(idOrName).flatMap(this::findById).or(() -> findByName(idOrName));
    }
}
