package dev.sequin.app.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed, Sequin-style reading of a JSON request object: unknown keys are a 422
 * {@code Unknown field: X}, wrong types a 422 naming the field. Controllers take the body as a
 * {@link JsonNode} and read it through this class rather than binding to classes, because Jackson's
 * own errors do not have Sequin's shape.
 */
public final class JsonBody {

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** @throws ApiProblem 400 when the body is not a JSON object */
    public static JsonBody of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object");
        }
        return new JsonBody((ObjectNode) body);
    }

    /** @throws ApiProblem 422 {@code Unknown field: X} for the first key not in {@code allowed} */
    public JsonBody allowOnly(Set<String> allowed) {
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiProblem.unknownField(name);
            }
        }
        return this;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** Present and not JSON null. */
    public boolean present(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    public String string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw ApiProblem.invalid(field, "must be a string");
        }
        return v.asString();
    }

    public String requiredString(String field) {
        String v = string(field);
        if (v == null || v.isBlank()) {
            throw ApiProblem.invalid(field, "can't be blank");
        }
        return v;
    }

    public Integer integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiProblem.invalid(field, "must be an integer");
        }
        return v.asInt();
    }

    public Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ApiProblem.invalid(field, "must be a boolean");
        }
        return v.asBoolean();
    }

    public List<String> stringList(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiProblem.invalid(field, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isString()) {
                throw ApiProblem.invalid(field, "must be a list of strings");
            }
            out.add(item.asString());
        }
        return out;
    }

    /** A JSON object field as a nested body, or {@code null}. */
    public JsonBody object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiProblem.invalid(field, "must be an object");
        }
        return new JsonBody((ObjectNode) v);
    }

    /**
     * A string map given as an object ({@code {"K": "v"}}) or as Sequin's list form
     * ({@code [{"key": "K", "value": "v"}]}); order kept.
     */
    public Map<String, String> stringMap(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (v.isObject()) {
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!e.getValue().isString()) {
                    throw ApiProblem.invalid(field, "values must be strings");
                }
                out.put(e.getKey(), e.getValue().asString());
            }
        } else if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isObject() || !item.path("key").isString() || !item.path("value").isString()) {
                    throw ApiProblem.invalid(field, "must be a map or a list of {key, value} objects");
                }
                out.put(item.get("key").asString(), item.get("value").asString());
            }
        } else {
            throw ApiProblem.invalid(field, "must be a map or a list of {key, value} objects");
        }
        return out;
    }

    public ObjectNode node() {
        return node;
    }
}
