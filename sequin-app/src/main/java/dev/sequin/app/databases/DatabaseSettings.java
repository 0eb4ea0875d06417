package dev.sequin.app.databases;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.crypto.Secret;
import dev.sequin.source.SourceDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The complete settings of a database as a write would store them: defaults applied (create) or
 * the request laid over the stored values (update), then validated as a whole, so a request is
 * refused before anything is written.
 */
record DatabaseSettings(String name, String hostname, int port, String database, String username, String password,
                        boolean ssl, boolean ipv6, int poolSize, String annotationsJson, DatabaseInput.Primary primary,
                        String slotName, String publicationName, boolean createIfNotExists) {

    /** Resource names: Sequin's rule, which also keeps anything SQL-like out. */
    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_\\-.]{1,128}$");
    static final String NAME_RULE = "must contain only letters, digits, '_', '-' and '.' (at most 128)";
    /** Postgres' own rule for slot names. */
    private static final Pattern SLOT_NAME = Pattern.compile("^[a-z0-9_]{1,63}$");
    private static final Pattern PUBLICATION_NAME = Pattern.compile("^[a-zA-Z0-9_\\-.]{1,63}$");
    private static final Pattern HOSTNAME = Pattern.compile("^[a-zA-Z0-9_.:%\\-]{1,253}$");

    static DatabaseSettings forCreate(DatabaseInput in) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        require(errors, "name", in.name());
        require(errors, "hostname", in.hostname());
        require(errors, "database", in.database());
        if (in.slot() == null) {
            errors.computeIfAbsent("replication_slots", k -> new ArrayList<>())
                    .add("is required: a list of exactly one {slot_name, publication_name}");
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return new DatabaseSettings(in.name(), in.hostname(), or(in.port(), 5432), in.database(),
                or(in.username(), "postgres"), or(in.password(), ""), or(in.ssl(), false), or(in.ipv6(), false),
                or(in.poolSize(), 10), in.annotations() == null ? "{}" : in.annotations().toString(), in.primary(),
                in.slot().slotName(), in.slot().publicationName(), in.slot().createIfNotExists()).validated();
    }

    /** The stored settings with the given fields replaced (PUT and PATCH alike). */
    DatabaseSettings merge(DatabaseInput in) {
        DatabaseInput.Slot slot = in.slot();
        return new DatabaseSettings(or(in.name(), name), or(in.hostname(), hostname), or(in.port(), port),
                or(in.database(), database), or(in.username(), username), or(in.password(), password),
                or(in.ssl(), ssl), or(in.ipv6(), ipv6), or(in.poolSize(), poolSize),
                in.annotations() == null ? annotationsJson : in.annotations().toString(),
                in.primaryGiven() ? in.primary() : primary,
                slot == null ? slotName : or(slot.slotName(), slotName),
                slot == null ? publicationName : or(slot.publicationName(), publicationName),
                slot != null && slot.createIfNotExists()).validated();
    }

    /** Whether the two differ in anything that decides where and how we replicate from. */
    boolean sourceDiffers(DatabaseSettings other) {
        return !(hostname.equals(other.hostname) && port == other.port && database.equals(other.database)
                && username.equals(other.username) && password.equals(other.password) && ssl == other.ssl
                && ipv6 == other.ipv6 && slotName.equals(other.slotName) && publicationName.equals(other.publicationName));
    }

    SourceDatabase toSource(UUID id, UUID slotId) {
        return new SourceDatabase(id, name, hostname, port, database, username, Secret.of(password), ssl, ipv6,
                poolSize, annotationsJson, slotId, slotName, publicationName);
    }

    private DatabaseSettings validated() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        check(errors, "name", name != null && NAME.matcher(name).matches(), NAME_RULE);
        check(errors, "hostname", hostname != null && HOSTNAME.matcher(hostname).matches(),
                "must be a hostname or an IP address");
        check(errors, "port", port >= 1 && port <= 65535, "must be between 1 and 65535");
        check(errors, "database", database != null && !database.isBlank() && database.length() <= 63
                && database.indexOf('\0') < 0, "must be a database name of at most 63 characters");
        check(errors, "username", username != null && !username.isBlank() && username.length() <= 63
                && username.indexOf('\0') < 0, "must be a role name of at most 63 characters");
        check(errors, "pool_size", poolSize >= 1 && poolSize <= 1000, "must be between 1 and 1000");
        check(errors, "replication_slots", slotName != null && SLOT_NAME.matcher(slotName).matches(),
                "slot_name must contain only lower-case letters, digits and '_' (at most 63), as Postgres requires");
        check(errors, "replication_slots", publicationName != null && PUBLICATION_NAME.matcher(publicationName).matches(),
                "publication_name must contain only letters, digits, '_', '-' and '.' (at most 63)");
        if (primary != null) {
            check(errors, "primary", HOSTNAME.matcher(primary.hostname()).matches(), "hostname must be a hostname or an IP address");
            check(errors, "primary", primary.port() == null || (primary.port() >= 1 && primary.port() <= 65535),
                    "port must be between 1 and 65535");
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return this;
    }

    private static void require(Map<String, List<String>> errors, String field, String value) {
        check(errors, field, value != null && !value.isBlank(), "can't be blank");
    }

    private static void check(Map<String, List<String>> errors, String field, boolean ok, String message) {
        if (!ok) {
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    @Override
    public String toString() {
        // The password stays out of logs and exception messages.
        return "DatabaseSettings[name=" + name + ", " + username + "@" + hostname + ":" + port + "/" + database
                + ", slot=" + slotName + ", publication=" + publicationName + "]";
    }
}
