package dev.sequin.app.sinks;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.app.api.JsonBody;
import dev.sequin.message.Action;
import dev.sequin.message.TableName;
import dev.sequin.sink.ResourceNames;
import dev.sequin.sink.SinkStatus;
import dev.sequin.sink.SinkTable;
import dev.sequin.sink.SourceSelection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads a sink create or update request onto a {@link SinkDraft}: every present field is checked
 * for shape and range and written; absent fields keep the draft's value (PUT and PATCH are both
 * partial, contract §4). Cross-field rules are {@link SinkValidation}'s.
 */
final class SinkRequest {

    /** Looks up what a request names; each throws a 422 naming the field when there is none. */
    interface Resolver {
        UUID databaseId(String idOrName);

        UUID httpEndpointId(String idOrName);
    }

    private static final Set<String> FIELDS = Set.of("name", "database", "status", "source", "tables", "actions",
            "destination", "filter", "transform", "routing", "enrichment", "message_grouping", "batch_size",
            "max_retry_count", "load_shedding_policy", "timestamp_format", "annotations", "message_kind",
            "ack_wait_ms", "max_ack_pending", "max_waiting", "batch_timeout_ms", "max_memory_mb", "retry",
            "table", "schema", "initial_backfill");
    private static final Set<String> SOURCE_FIELDS =
            Set.of("include_schemas", "exclude_schemas", "include_tables", "exclude_tables");
    private static final Set<String> TABLE_FIELDS = Set.of("name", "group_column_names");
    private static final Set<String> RETRY_FIELDS =
            Set.of("max_attempts", "factor", "min_timeout_ms", "max_timeout_ms", "randomize", "jitter_ratio");

    private SinkRequest() {
    }

    /**
     * @param creating whether the draft is a new sink ({@code initial_backfill} is kept only then)
     * @throws ApiProblem 400 for a non-object body, 422 for the first unknown or invalid field
     */
    static void read(JsonNode json, SinkDraft draft, boolean creating, Resolver resolver) {
        JsonBody body = JsonBody.of(json).allowOnly(FIELDS);
        if (body.has("name")) {
            String name = body.string("name");
            String problem = ResourceNames.problem(name);
            if (problem != null) {
                throw ApiProblem.invalid("name", problem);
            }
            draft.name = name;
        }
        if (body.has("database")) {
            draft.databaseId = resolver.databaseId(body.requiredString("database"));
            draft.tablesTouched = true;
        }
        if (body.present("status")) {
            draft.status = status(body.string("status"));
        }
        if (body.has("source")) {
            draft.source = source(body.object("source"));
            draft.tablesTouched = true;
        }
        readDeprecatedSource(body, draft);
        if (body.has("tables")) {
            draft.tables = tables(body);
            draft.tablesTouched = true;
        }
        if (body.present("actions")) {
            draft.actions = actions(body.stringList("actions"));
        }
        if (body.present("destination")) {
            SinkDestinationRequest.read(body.object("destination"), draft, resolver);
        }
        draft.filterFunction = function(body, "filter", draft.filterFunction);
        draft.transformFunction = function(body, "transform", draft.transformFunction);
        draft.routingFunction = function(body, "routing", draft.routingFunction);
        draft.enrichmentFunction = function(body, "enrichment", draft.enrichmentFunction);
        if (body.present("message_grouping")) {
            draft.messageGrouping = body.bool("message_grouping");
        }
        if (body.present("batch_size")) {
            draft.batchSize = range(body, "batch_size", 1, 1000);
        }
        if (body.has("max_retry_count")) {
            draft.maxRetryCount = body.present("max_retry_count") ? range(body, "max_retry_count", 0, Integer.MAX_VALUE) : null;
        }
        draft.loadSheddingPolicy = oneOf(body, "load_shedding_policy", draft.loadSheddingPolicy, "pause_on_full", "discard_on_full");
        draft.timestampFormat = oneOf(body, "timestamp_format", draft.timestampFormat, "iso8601", "unix_microsecond");
        draft.messageKind = oneOf(body, "message_kind", draft.messageKind, "event", "record");
        if (body.has("annotations")) {
            draft.annotationsJson = body.present("annotations") ? body.object("annotations").node().toString() : "{}";
        }
        if (body.present("ack_wait_ms")) {
            draft.ackWaitMs = range(body, "ack_wait_ms", 500, Integer.MAX_VALUE);
        }
        if (body.present("max_ack_pending")) {
            draft.maxAckPending = range(body, "max_ack_pending", 1, Integer.MAX_VALUE);
        }
        if (body.present("max_waiting")) {
            draft.maxWaiting = range(body, "max_waiting", 1, Integer.MAX_VALUE);
        }
        if (body.has("batch_timeout_ms")) {
            draft.batchTimeoutMs = body.present("batch_timeout_ms") ? range(body, "batch_timeout_ms", 0, Integer.MAX_VALUE) : null;
        }
        if (body.has("max_memory_mb")) {
            draft.maxMemoryMb = body.present("max_memory_mb") ? range(body, "max_memory_mb", 1, Integer.MAX_VALUE) : null;
        }
        if (body.has("retry")) {
            draft.retryJson = body.present("retry") ? retry(body.object("retry")) : null;
        }
        // Sequin reads initial_backfill at create time only; an update (a re-applied YAML) ignores it.
        if (creating && body.present("initial_backfill")) {
            draft.initialBackfillJson = initialBackfill(body.raw("initial_backfill"));
        }
    }

    private static SinkStatus status(String value) {
        try {
            return SinkStatus.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("status", "must be one of active, paused, disabled");
        }
    }

    /** Sequin's rules: lists are non-empty; include and exclude exclude each other per level. */
    private static SourceSelection source(JsonBody source) {
        if (source == null) {
            return SourceSelection.ALL;
        }
        source.allowOnly(SOURCE_FIELDS);
        Set<String> includeSchemas = nonEmpty(source, "include_schemas");
        Set<String> excludeSchemas = nonEmpty(source, "exclude_schemas");
        Set<String> includeTables = nonEmpty(source, "include_tables");
        Set<String> excludeTables = nonEmpty(source, "exclude_tables");
        if (includeSchemas != null && excludeSchemas != null) {
            throw ApiProblem.invalid("source.exclude_schemas", "cannot be set when include_schemas is set");
        }
        if (includeTables != null && excludeTables != null) {
            throw ApiProblem.invalid("source.exclude_tables", "cannot be set when include_tables is set");
        }
        return new SourceSelection(includeSchemas, excludeSchemas, tableNames("source.include_tables", includeTables),
                tableNames("source.exclude_tables", excludeTables));
    }

    private static Set<String> nonEmpty(JsonBody body, String field) {
        List<String> values = body.stringList(field);
        if (values == null) {
            return null;
        }
        if (values.isEmpty()) {
            throw ApiProblem.invalid("source." + field, "should have at least 1 item; leave it out to select everything");
        }
        return new LinkedHashSet<>(values);
    }

    private static Set<TableName> tableNames(String field, Set<String> names) {
        if (names == null) {
            return null;
        }
        Set<TableName> out = new LinkedHashSet<>();
        names.forEach(name -> out.add(tableName(field, name)));
        return out;
    }

    /** {@code schema.table}; the schema is required so that a name means one table only. */
    static TableName tableName(String field, String name) {
        int dot = name == null ? -1 : name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw ApiProblem.invalid(field, "table '" + name + "' must be given as schema.table");
        }
        return TableName.parse(name);
    }

    /** The deprecated single-table keys of older Sequin sinks, read as the source they meant. */
    private static void readDeprecatedSource(JsonBody body, SinkDraft draft) {
        String table = body.string("table");
        String schema = body.string("schema");
        if (table == null && schema == null) {
            return;
        }
        if (body.present("source")) {
            throw ApiProblem.invalid(table != null ? "table" : "schema", "cannot be combined with source; use source only");
        }
        draft.source = new SourceSelection(schema == null ? null : Set.of(schema), null,
                table == null ? null : Set.of(tableName("table", table)), null);
        draft.tablesTouched = true;
    }

    private static List<SinkTable> tables(JsonBody body) {
        JsonNode array = body.raw("tables");
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw ApiProblem.invalid("tables", "must be a list of {name, group_column_names} objects");
        }
        List<SinkTable> tables = new ArrayList<>();
        Set<TableName> seen = new LinkedHashSet<>();
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw ApiProblem.invalid("tables", "must be a list of {name, group_column_names} objects");
            }
            JsonBody entry = JsonBody.of(item).allowOnly(TABLE_FIELDS);
            TableName table = tableName("tables", entry.requiredString("name"));
            if (!seen.add(table)) {
                throw ApiProblem.invalid("tables", "table " + table + " is listed twice");
            }
            List<String> columns = entry.stringList("group_column_names");
            tables.add(new SinkTable(table, columns == null ? List.of() : columns));
        }
        return tables;
    }

    private static Set<Action> actions(List<String> values) {
        if (values.isEmpty()) {
            throw ApiProblem.invalid("actions", "must include at least one of insert, update, delete");
        }
        Set<Action> actions = new LinkedHashSet<>();
        for (String value : values) {
            if (!Set.of("insert", "update", "delete").contains(value)) {
                throw ApiProblem.invalid("actions", "'" + value + "' is not an action; use insert, update, delete");
            }
            actions.add(Action.fromWireName(value));
        }
        return actions;
    }

    /** Functions are not executable yet (contract D5): only "none" is accepted. */
    private static String function(JsonBody body, String field, String current) {
        if (!body.has(field)) {
            return current;
        }
        String value = body.string(field);
        if (value == null || "none".equals(value)) {
            return null;
        }
        throw ApiProblem.invalid(field, "functions are not supported yet; use \"none\" or leave " + field + " out");
    }

    private static int range(JsonBody body, String field, int min, int max) {
        int value = body.integer(field);
        if (value < min || value > max) {
            throw ApiProblem.invalid(field, max == Integer.MAX_VALUE
                    ? "must be at least " + min : "must be between " + min + " and " + max);
        }
        return value;
    }

    private static String oneOf(JsonBody body, String field, String current, String... allowed) {
        if (!body.present(field)) {
            return current;
        }
        String value = body.string(field);
        if (!List.of(allowed).contains(value)) {
            throw ApiProblem.invalid(field, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static String retry(JsonBody retry) {
        JsonBody.of(retry.node()).allowOnly(RETRY_FIELDS);
        for (String field : List.of("max_attempts", "min_timeout_ms", "max_timeout_ms")) {
            if (retry.present(field) && retry.integer(field) < 0) {
                throw ApiProblem.invalid("retry." + field, "must be at least 0");
            }
        }
        for (String field : List.of("factor", "jitter_ratio")) {
            if (retry.present(field) && !retry.raw(field).isNumber()) {
                throw ApiProblem.invalid("retry." + field, "must be a number");
            }
        }
        if (retry.present("randomize")) {
            retry.bool("randomize");
        }
        return retry.node().toString();
    }

    private static String initialBackfill(JsonNode value) {
        if (!value.isBoolean() && !value.isArray()) {
            throw ApiProblem.invalid("initial_backfill", "must be true, false or a list of {table, type, sort_column, start_position}");
        }
        return value.toString();
    }
}
