package dev.sequin.source;

import dev.sequin.crypto.Secret;
import java.util.Objects;
import java.util.UUID;

/**
 * A source database as the runtime sees it: connection settings with the password decrypted (but
 * wrapped, so it never prints), and its one replication slot and publication. Immutable; read a
 * fresh one from {@link SourceDatabases} after a {@code ConfigChanged(DATABASE, id)}.
 *
 * @param password        never {@code null}; an empty secret when none is set
 * @param annotationsJson the user's annotations as a JSON object text, echoed in
 *                        {@code metadata.database.annotations}; never {@code null} ({@code "{}"})
 * @param slotId          the id of the replication slot record (not a Postgres identifier)
 */
public record SourceDatabase(UUID id, String name, String hostname, int port, String database, String username,
                             Secret password, boolean ssl, boolean ipv6, int poolSize, String annotationsJson,
                             UUID slotId, String slotName, String publicationName) {

    public SourceDatabase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(slotName, "slotName");
        Objects.requireNonNull(publicationName, "publicationName");
        annotationsJson = annotationsJson == null ? "{}" : annotationsJson;
    }
}
