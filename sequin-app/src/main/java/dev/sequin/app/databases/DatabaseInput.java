package dev.sequin.app.databases;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.app.api.JsonBody;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A create or update body for {@code /api/postgres_databases}, read strictly (unknown keys are
 * {@code Unknown field: X}) but not yet checked for meaning: {@code null} means "not given". A
 * {@code url} is taken apart here into the discrete fields, and may not be combined with them.
 *
 * @param primaryGiven whether the body had a {@code primary} key ({@code primary: null} clears it)
 * @param slot         the one {@code replication_slots} entry, or {@code null} when not given
 */
record DatabaseInput(String name, String hostname, Integer port, String database, String username, String password,
                     Boolean ssl, Boolean ipv6, Integer poolSize, JsonNode annotations, boolean primaryGiven,
                     Primary primary, Slot slot) {

    private static final Set<String> FIELDS = Set.of("name", "url", "hostname", "port", "database", "username",
            "password", "ssl", "ipv6", "pool_size", "annotations", "primary", "replication_slots");
    private static final Set<String> SLOT_FIELDS = Set.of("slot_name", "publication_name", "create_if_not_exists");
    private static final Set<String> PRIMARY_FIELDS = Set.of("hostname", "port", "database", "username", "password",
            "ssl", "ipv6");
    private static final List<String> URL_EXCLUSIVE = List.of("hostname", "port", "database", "username", "password");

    /** The {@code replication_slots[0]} entry. */
    record Slot(String slotName, String publicationName, boolean createIfNotExists) {
    }

    /** The primary of a replica source (used for {@code pg_logical_emit_message}). */
    record Primary(String hostname, Integer port, String database, String username, String password, boolean ssl,
                   boolean ipv6) {

        @Override
        public String toString() {
            return "Primary[" + username + "@" + hostname + ":" + port + "/" + database + "]";
        }
    }

    static DatabaseInput parse(JsonNode node) {
        JsonBody body = JsonBody.of(node).allowOnly(FIELDS);
        String hostname = body.string("hostname");
        Integer port = body.integer("port");
        String database = body.string("database");
        String username = body.string("username");
        String password = body.string("password");
        String url = body.string("url");
        if (url != null) {
            List<String> combined = URL_EXCLUSIVE.stream().filter(body::present).toList();
            if (!combined.isEmpty()) {
                throw ApiProblem.invalid("url", "cannot be combined with " + String.join(", ", combined)
                        + "; give either url or the discrete fields");
            }
            SourceUrl parsed = SourceUrl.parse(url);
            hostname = parsed.hostname();
            port = parsed.port();
            database = parsed.database();
            username = parsed.username();
            password = parsed.password();
        }
        JsonNode annotations = body.raw("annotations");
        if (annotations != null && !annotations.isNull() && !annotations.isObject()) {
            throw ApiProblem.invalid("annotations", "must be an object");
        }
        return new DatabaseInput(body.string("name"), hostname, port, database, username, password, body.bool("ssl"),
                body.bool("ipv6"), body.integer("pool_size"), annotations == null || annotations.isNull() ? null : annotations,
                body.has("primary"), primary(body.object("primary")), slot(body));
    }

    private static Primary primary(JsonBody primary) {
        if (primary == null) {
            return null;
        }
        primary.allowOnly(PRIMARY_FIELDS);
        return new Primary(primary.requiredString("hostname"), primary.integer("port"), primary.requiredString("database"),
                primary.string("username"), primary.string("password"), Boolean.TRUE.equals(primary.bool("ssl")),
                Boolean.TRUE.equals(primary.bool("ipv6")));
    }

    private static Slot slot(JsonBody body) {
        JsonNode slots = body.raw("replication_slots");
        if (slots == null || slots.isNull()) {
            return null;
        }
        if (!slots.isArray() || slots.size() != 1) {
            throw ApiProblem.invalid("replication_slots", "must be a list of exactly one {slot_name, publication_name}");
        }
        if (!slots.get(0).isObject()) {
            throw ApiProblem.invalid("replication_slots", "must be a list of exactly one {slot_name, publication_name}");
        }
        JsonBody slot = JsonBody.of(slots.get(0)).allowOnly(SLOT_FIELDS);
        return new Slot(slot.string("slot_name"), slot.string("publication_name"),
                Boolean.TRUE.equals(slot.bool("create_if_not_exists")));
    }
}
