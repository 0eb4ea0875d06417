package dev.sequin.app.deadletters;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.app.api.JsonBody;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The body of replay and discard: {@code {"ids": [...]}} or {@code {"all": true}}, optionally
 * narrowed by {@code table} and {@code error} (as the list's filters), and an optional
 * {@code reason} kept in the audit trail.
 *
 * @param ids    the chosen dead letters, or {@code null} for all that match {@code filter}
 * @param reason the operator's note, or {@code null}
 */
record DeadLetterSelection(Set<UUID> ids, DeadLetterFilter filter, String reason) {

    static final int MAX_IDS = 10_000;
    private static final Set<String> FIELDS = Set.of("ids", "all", "table", "error", "reason");

    /** @throws ApiProblem 400 for a body that is not an object, 422 for an invalid one */
    static DeadLetterSelection read(JsonNode body) {
        JsonBody json = JsonBody.of(body).allowOnly(FIELDS);
        List<String> ids = json.stringList("ids");
        Boolean all = json.bool("all");
        if (ids == null && all == null) {
            throw ApiProblem.invalid("ids", "either `ids` or `\"all\": true` is required");
        }
        if (ids != null && all != null) {
            throw ApiProblem.invalid("all", "can't be combined with `ids`");
        }
        if (all != null && !all) {
            throw ApiProblem.invalid("all", "must be true when given (use `ids` to choose entries)");
        }
        String table = json.string("table");
        if (table != null) {
            try {
                DeadLetterFilter.table(table);
            } catch (ApiProblem e) {
                throw ApiProblem.invalid("table", "must be schema.table, e.g. public.orders");
            }
        }
        DeadLetterFilter filter = new DeadLetterFilter(DeadLetterFilter.table(table), emptyToNull(json.string("error")), null, null);
        return new DeadLetterSelection(ids == null ? null : uuids(ids), filter, emptyToNull(json.string("reason")));
    }

    private static Set<UUID> uuids(List<String> ids) {
        if (ids.isEmpty()) {
            throw ApiProblem.invalid("ids", "can't be empty");
        }
        if (ids.size() > MAX_IDS) {
            throw ApiProblem.invalid("ids", "at most " + MAX_IDS + " ids per request; use `\"all\": true` with filters");
        }
        Set<UUID> out = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                if (id.length() != 36) {
                    throw new IllegalArgumentException(id);
                }
                out.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("ids", "must be dead letter ids (UUIDs); got: " + id);
            }
        }
        return out;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Appends the selection's {@code AND …} conditions on {@code dead_letters} and their arguments. */
    void appendTo(StringBuilder sql, List<Object> args) {
        if (ids != null) {
            // Validated UUIDs only, so the array literal cannot carry anything else.
            StringBuilder literal = new StringBuilder("{");
            for (UUID id : ids) {
                literal.append(literal.length() > 1 ? "," : "").append(id);
            }
            sql.append(" AND id = ANY (?::uuid[])");
            args.add(literal.append('}').toString());
        }
        filter.appendTo(sql, args);
    }
}
