package dev.sequin.app.deadletters;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.message.TableName;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Which dead letters of a sink an operator means: by table, by a substring of the error
 * (case-insensitive), and, for paging, only those older than a cursor.
 *
 * @param table     {@code schema.table}, or {@code null} for every table
 * @param error     a substring of the last error, or {@code null}
 * @param beforeId  keyset cursor: entries listed after this dead letter (newest first), or
 *                  {@code null}. A cursor whose entry has since been replayed or discarded
 *                  matches nothing.
 * @param beforeAt  entries stored strictly before this time, or {@code null}
 */
record DeadLetterFilter(TableName table, String error, UUID beforeId, Instant beforeAt) {

    static final DeadLetterFilter NONE = new DeadLetterFilter(null, null, null, null);

    /** Reads the filters of a query string or body. @throws ApiProblem 400 on a malformed value */
    static DeadLetterFilter parse(String table, String error, String before) {
        return new DeadLetterFilter(table(table), error == null || error.isEmpty() ? null : error,
                before == null ? null : uuid(before), before == null || uuid(before) != null ? null : instant(before));
    }

    static TableName table(String table) {
        if (table == null) {
            return null;
        }
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1) {
            throw ApiProblem.badRequest("Invalid `table`. Expected schema.table, e.g. public.orders");
        }
        return TableName.parse(table);
    }

    private static UUID uuid(String value) {
        if (value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("Invalid `before`. Expected a dead letter id or an ISO-8601 timestamp with offset,"
                    + " e.g. 2026-01-31T12:00:00Z");
        }
    }

    /** Appends {@code AND …} conditions on {@code dead_letters} columns and their arguments. */
    void appendTo(StringBuilder sql, List<Object> args) {
        if (table != null) {
            sql.append(" AND table_schema = ? AND table_name = ?");
            args.add(table.schema());
            args.add(table.name());
        }
        if (error != null) {
            sql.append(" AND strpos(lower(error), lower(?)) > 0");
            args.add(error);
        }
        if (beforeId != null) {
            sql.append(" AND (inserted_at, id) < (SELECT b.inserted_at, b.id FROM dead_letters b WHERE b.id = ?)");
            args.add(beforeId);
        }
        if (beforeAt != null) {
            sql.append(" AND inserted_at < ?");
            args.add(Timestamp.from(beforeAt));
        }
    }
}
