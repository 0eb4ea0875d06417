package dev.sequin.app.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served, rendered in Sequin's error shapes (contract §4):
 * {@code {"summary": "…"}} for 400/401/404/409/429/502/504, and for 422
 * {@code {"summary": "…", "validation_errors": {"field": ["msg"]}}}.
 *
 * <p>Thrown by controllers and services; {@link ApiExceptionHandler} renders it. Use the factories
 * so the call site says what went wrong.
 */
public final class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, List<String>> validationErrors;
    private final Map<String, Object> extra;

    private ApiProblem(HttpStatus status, String summary, Map<String, List<String>> validationErrors, Map<String, Object> extra) {
        super(summary, null, false, false);
        this.status = status;
        this.validationErrors = validationErrors;
        this.extra = extra;
    }

    public static ApiProblem badRequest(String summary) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, summary, null, Map.of());
    }

    public static ApiProblem notFound(String summary) {
        return new ApiProblem(HttpStatus.NOT_FOUND, summary, null, Map.of());
    }

    /** {@code "<kind> not found: <idOrName>"}, e.g. {@code notFound("Sink", "orders")}. */
    public static ApiProblem notFound(String kind, String idOrName) {
        return notFound(kind + " not found: " + idOrName);
    }

    public static ApiProblem unauthorized(String summary) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, summary, null, Map.of());
    }

    public static ApiProblem conflict(String summary) {
        return new ApiProblem(HttpStatus.CONFLICT, summary, null, Map.of());
    }

    /** 422 with a specific summary and no field errors, e.g. {@code "Unknown field: foo"}. */
    public static ApiProblem unprocessable(String summary) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, summary, null, Map.of());
    }

    public static ApiProblem unknownField(String field) {
        return unprocessable("Unknown field: " + field);
    }

    /** 422 {@code "Validation failed"} with one message for one field. */
    public static ApiProblem invalid(String field, String message) {
        return validation(Map.of(field, List.of(message)));
    }

    /** 422 {@code "Validation failed"} with the given field errors (kept in insertion order). */
    public static ApiProblem validation(Map<String, List<String>> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed", new LinkedHashMap<>(errors), Map.of());
    }

    /** 422 with extra top-level keys, e.g. {@code {"success": false, "reason": "…"}} for test_connection. */
    public static ApiProblem unprocessableWith(String summary, Map<String, Object> extra) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, summary, null, new LinkedHashMap<>(extra));
    }

    /** 429: the client should retry later (e.g. too many waiting receives on a pull consumer). */
    public static ApiProblem tooManyRequests(String summary) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, summary, null, Map.of());
    }

    public static ApiProblem badGateway(String summary) {
        return new ApiProblem(HttpStatus.BAD_GATEWAY, summary, null, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    /** The body: summary, then validation errors or extra keys where present. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", getMessage());
        if (validationErrors != null) {
            body.put("validation_errors", validationErrors);
        }
        body.putAll(extra);
        return body;
    }
}
