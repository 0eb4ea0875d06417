package dev.sequin.sink;

import dev.sequin.message.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON text of the jsonb columns of {@code http_endpoints} and {@code sinks}, in one place so
 * the stored shapes are defined once. Headers are stored as an array of {@code [name, value]}
 * pairs because a jsonb object does not keep key order.
 */
final class JsonColumns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonColumns() {
    }

    static String headers(Map<String, String> headers) {
        ArrayNode pairs = JSON.createArrayNode();
        headers.forEach((name, value) -> pairs.addArray().add(name).add(value));
        return JSON.writeValueAsString(pairs);
    }

    static Map<String, String> headers(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        for (JsonNode pair : JSON.readTree(json)) {
            out.put(pair.get(0).asString(), pair.get(1).asString());
        }
        return out;
    }

    static String source(SourceSelection source) {
        ObjectNode node = JSON.createObjectNode();
        putStrings(node, "include_schemas", source.includeSchemas());
        putStrings(node, "exclude_schemas", source.excludeSchemas());
        putStrings(node, "include_tables", tableNames(source.includeTables()));
        putStrings(node, "exclude_tables", tableNames(source.excludeTables()));
        return JSON.writeValueAsString(node);
    }

    static SourceSelection source(String json) {
        JsonNode node = JSON.readTree(json == null ? "{}" : json);
        return new SourceSelection(strings(node.get("include_schemas")), strings(node.get("exclude_schemas")),
                tables(strings(node.get("include_tables"))), tables(strings(node.get("exclude_tables"))));
    }

    static String tables(List<SinkTable> tables) {
        ArrayNode array = JSON.createArrayNode();
        for (SinkTable table : tables) {
            ObjectNode item = array.addObject();
            item.put("name", table.table().toString());
            ArrayNode columns = item.putArray("group_column_names");
            table.groupColumnNames().forEach(columns::add);
        }
        return JSON.writeValueAsString(array);
    }

    static List<SinkTable> tables(String json) {
        List<SinkTable> out = new ArrayList<>();
        for (JsonNode item : JSON.readTree(json == null ? "[]" : json)) {
            Set<String> columns = strings(item.get("group_column_names"));
            out.add(new SinkTable(TableName.parse(item.get("name").asString()),
                    columns == null ? List.of() : List.copyOf(columns)));
        }
        return out;
    }

    private static void putStrings(ObjectNode node, String field, Set<String> values) {
        if (values == null) {
            node.putNull(field);
        } else {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    private static Set<String> strings(JsonNode array) {
        if (array == null || array.isNull()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        array.forEach(item -> out.add(item.asString()));
        return out;
    }

    private static Set<String> tableNames(Set<TableName> tables) {
        if (tables == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        tables.forEach(t -> out.add(t.toString()));
        return out;
    }

    private static Set<TableName> tables(Set<String> names) {
        if (names == null) {
            return null;
        }
        Set<TableName> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(TableName.parse(n)));
        return out;
    }
}
