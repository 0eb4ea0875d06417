package dev.sequin.sink;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stored HTTP endpoints; names are unique. */
public interface HttpEndpointRepository extends JpaRepository<HttpEndpoint, UUID> {

    Optional<HttpEndpoint> findByName(String name);

    /** By id when {@code idOrName} is a uuid of an endpoint, else by name (contract §4). */
    default Optional<HttpEndpoint> findByIdOrName(String idOrName) {
        return IdOrName.asUuid(idOrName).flatMap(this::findById).or(() -> findByName(idOrName));
    }
}
