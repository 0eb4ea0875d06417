package dev.sequin.app.databases;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.replication.source.SourceProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the problems {@link dev.sequin.replication.source.SourceCheck} found into a 422: the
 * summary names the first problem and its fix, {@code validation_errors} lists every problem under
 * the field that causes it, and {@code code} is the first problem's stable code.
 */
final class SourceProblemResponse {

    private SourceProblemResponse() {
    }

    static ApiProblem of(String databaseName, List<SourceProblem> problems) {
        SourceProblem first = problems.get(0);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (SourceProblem problem : problems) {
            errors.computeIfAbsent(field(problem), k -> new ArrayList<>()).add(problem.message());
        }
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : "";
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("code", first.code());
        extra.put("validation_errors", errors);
        return ApiProblem.unprocessableWith("Database " + databaseName + " cannot be used: " + first.message() + more, extra);
    }

    /** The request field a user changes to fix the problem. */
    static String field(SourceProblem problem) {
        switch (problem.code()) {
            case SourceProblem.Codes.DATABASE_MISSING:
                return "database";
            case SourceProblem.Codes.AUTHENTICATION_FAILED:
                return "password";
            case SourceProblem.Codes.REPLICATION_PRIVILEGE_MISSING:
                return "username";
            default:
                break;
        }
        switch (problem.subject()) {
            case CONNECTION:
                return "hostname";
            case CREDENTIALS:
                return "username";
            case SERVER:
                return "database";
            default:
                return "replication_slots";
        }
    }
}
