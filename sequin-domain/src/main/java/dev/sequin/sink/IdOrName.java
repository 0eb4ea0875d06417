package dev.sequin.sink;

import java.util.Optional;
import java.util.UUID;

/** Path parameters name a resource by id or by name (contract §4). */
final class IdOrName {

    private IdOrName() {
    }

    static Optional<UUID> asUuid(String idOrName) {
        if (idOrName == null || idOrName.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(idOrName));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
    }
}
