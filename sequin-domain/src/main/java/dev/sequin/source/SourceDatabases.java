package dev.sequin.source;

import dev.sequin.crypto.Secret;
import dev.sequin.crypto.Vault;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to source databases in their runtime form, passwords decrypted. What the replication
 * engine and the sinks call; the management API writes through the repository. Thread-safe.
 */
@Service
public class SourceDatabases {

    private final PostgresDatabaseRepository repository;
    private final Vault vault;

    public SourceDatabases(PostgresDatabaseRepository repository, Vault vault) {
        this.repository = repository;
        this.vault = vault;
    }

    /** Every source database, oldest first. */
    @Transactional(readOnly = true)
    public List<SourceDatabase> all() {
        return repository.findAllByOrderByInsertedAtAscNameAsc().stream().map(this::toSource).toList();
    }

    /** By id when {@code idOrName} is a UUID that exists, else by name (Sequin's path rule). */
    @Transactional(readOnly = true)
    public Optional<SourceDatabase> find(String idOrName) {
        return findEntity(repository, idOrName).map(this::toSource);
    }

    @Transactional(readOnly = true)
    public Optional<SourceDatabase> byId(UUID id) {
        return repository.findById(id).map(this::toSource);
    }

    /**
     * The stored entity by id or name: a UUID-shaped value is tried as an id first, then as a
     * name, because a name may itself look like a UUID.
     */
    public static Optional<PostgresDatabase> findEntity(PostgresDatabaseRepository repository, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        UUID id = parseUuid(idOrName);
        if (id != null) {
            Optional<PostgresDatabase> byId = repository.findById(id);
            if (byId.isPresent()) {
                return byId;
            }
        }
        return repository.findByName(idOrName);
    }

    /** The runtime view of a stored database, decrypting its password. */
    public SourceDatabase toSource(PostgresDatabase db) {
        ReplicationSlot slot = db.getReplicationSlot();
        if (slot == null) {
            throw new IllegalStateException("Database " + db.getName() + " has no replication slot record");
        }
        String password = vault.decrypt(db.getPasswordEncrypted());
        return new SourceDatabase(db.getId(), db.getName(), db.getHostname(), db.getPort(), db.getDatabase(),
                db.getUsername(), Secret.of(password == null ? "" : password), db.isSsl(), db.isIpv6(),
                db.getPoolSize(), db.getAnnotations(), slot.getId(), slot.getSlotName(), slot.getPublicationName());
    }

    private static UUID parseUuid(String value) {
        if (value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
