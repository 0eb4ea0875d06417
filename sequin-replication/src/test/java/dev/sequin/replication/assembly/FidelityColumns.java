package dev.sequin.replication.assembly;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of {@code TypeFidelityIT}'s table: each type of contract §1.8 (and arrays of them),
 * two sample values, and the SQL that makes Postgres itself say what the JSON must be.
 */
final class FidelityColumns {

    /**
     * @param expected SQL producing the expected jsonb from {@code %1$s}, the column reference
     * @param first    SQL literal inserted first
     * @param second   SQL literal the row is updated to (edge cases: NaN, infinity, BC, empty)
     */
    record Column(String name, String type, String expected, String first, String second) {
    }

    private static final String NUMBER = "to_jsonb(%1$s)";
    private static final String TEXT = "to_jsonb(%1$s::text)";
    private static final String TEXTS = "to_jsonb(%1$s::text[])";
    /**
     * The type's output function, where a cast to text differs from it: {@code char(n)} casts
     * drop the padding, {@code inet} casts add the mask. {@code concat} uses output functions.
     */
    private static final String OUTPUT = "to_jsonb(concat(%1$s))";
    private static final String TSTZ = "CASE WHEN NOT isfinite(%1$s) OR %1$s < '0001-01-01 00:00:00+00' THEN to_jsonb(%1$s::text) "
            + "ELSE to_jsonb(to_char(%1$s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')) END";
    private static final String TS = "CASE WHEN NOT isfinite(%1$s) OR %1$s < '0001-01-01' THEN to_jsonb(%1$s::text) "
            + "ELSE to_jsonb(to_char(%1$s, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')) END";
    private static final String TIME = "to_jsonb(to_char(date '2000-01-01' + %1$s::time, 'HH24:MI:SS'))";
    private static final String INTERVAL = "jsonb_build_object('months', extract(year FROM %1$s) * 12 + extract(month FROM %1$s), "
            + "'days', extract(day FROM %1$s), 'microseconds', extract(hour FROM %1$s) * 3600000000 "
            + "+ extract(minute FROM %1$s) * 60000000 + extract(microseconds FROM %1$s))";

    static final List<Column> ALL = List.of(
            c("c_bool", "bool", NUMBER, "true", "false"),
            c("c_int2", "int2", NUMBER, "32767", "-32768"),
            c("c_int4", "int4", NUMBER, "42", "-2147483648"),
            c("c_int8", "int8", NUMBER, "9223372036854775807", "-9223372036854775808"),
            c("c_oid", "oid", "to_jsonb(%1$s::text::numeric)", "4294967295", "0"),
            c("c_float4", "float4", NUMBER, "0.1", "'-Infinity'"),
            c("c_float8", "float8", NUMBER, "3.141592653589793", "'NaN'"),
            c("c_float8_big", "float8", NUMBER, "1e100", "'-0'"),
            c("c_numeric", "numeric", TEXT, "123456789012345678901234567890.000000001", "'NaN'"),
            c("c_money", "money", TEXT, "1234.56", "-0.01"),
            c("c_text", "text", NUMBER, "E'Grüße 😀 日本 \"q\" \\\\ back\\nline\\ttab\\u0001 \\u2028'", "''"),
            c("c_varchar", "varchar(20)", NUMBER, "'v'", "'ü'"),
            c("c_char", "char(5)", OUTPUT, "'ab'", "'abcde'"),
            c("c_name", "name", TEXT, "'pg_class'", "'x'"),
            c("c_uuid", "uuid", TEXT, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'"),
            c("c_json", "json", NUMBER, "'{\"b\": [1, 2.50, {\"c\": null}], \"a\": \"x\\ny\", \"big\": 123456789012345678901234567890}'",
                    "'{\"a\": 1, \"a\": 2}'"),
            c("c_jsonb", "jsonb", NUMBER, "'{\"k\": [true, false, null], \"n\": 1.0e3}'", "'\"str\"'"),
            c("c_bytea", "bytea", TEXT, "'\\xdeadbeef'", "''"),
            c("c_date", "date", TEXT, "'2024-10-28'", "'0044-03-15 BC'"),
            c("c_date_inf", "date", TEXT, "'infinity'", "'-infinity'"),
            c("c_time", "time", TIME, "'21:37:01.127'", "'23:59:59.999999'"),
            c("c_timetz", "timetz", TIME, "'21:37:01.5+05:30'", "'00:00:00-12'"),
            c("c_timestamp", "timestamp", TS, "'2024-10-28 21:37:01.12747'", "'-infinity'"),
            c("c_timestamp_bc", "timestamp", TS, "'2024-02-29 00:00:00'", "'0044-03-15 12:00:00 BC'"),
            c("c_timestamptz", "timestamptz", TSTZ, "'2024-10-28 21:37:01.12747+02'", "'infinity'"),
            c("c_timestamptz_old", "timestamptz", TSTZ, "'1900-01-01 00:00:00+00'", "'0044-03-15 12:00:00+00 BC'"),
            c("c_interval", "interval", INTERVAL, "'1 year 2 months 3 days 04:05:06.789'", "'-1 years +2 mons -3 days +04:00:00.000001'"),
            c("c_inet", "inet", OUTPUT, "'192.168.0.1/24'", "'::1'"),
            c("c_cidr", "cidr", OUTPUT, "'10.0.0.0/8'", "'2001:db8::/32'"),
            c("c_macaddr", "macaddr", TEXT, "'08:00:2b:01:02:03'", "'ff:ff:ff:ff:ff:ff'"),
            c("c_bit", "bit(4)", TEXT, "B'1010'", "B'0000'"),
            c("c_varbit", "varbit", TEXT, "B'101'", "B''"),
            c("c_xml", "xml", TEXT, "'<a href=\"x\">t</a>'", "'<b/>'"),
            c("c_tsvector", "tsvector", TEXT, "'a fat cat'", "''"),
            c("c_lsn", "pg_lsn", TEXT, "'16/3002D50'", "'0/0'"),
            c("c_point", "point", TEXT, "'(1.5,2)'", "'(0,0)'"),
            c("c_box", "box", TEXT, "'((0,0),(1,1))'", "'((2,2),(3,3))'"),
            c("c_mood", "mood", TEXT, "'happy'", "'sad'"),
            c("c_pos", "pos_int", NUMBER, "7", "2147483647"),
            c("c_email", "email", NUMBER, "'a@b.c'", "'x'"),
            c("c_address", "address", TEXT, "ROW('1 Main St', 'Springfield, \"IL\"')", "ROW(NULL, '')"),
            c("c_range", "int4range", TEXT, "'[1,5)'", "'empty'"),
            c("c_tstzrange", "tstzrange", TEXT, "'[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00)'", "'(,)'"),
            c("a_int4", "int4[]", NUMBER, "'{1,2,3}'", "'{}'"),
            c("a_int4_2d", "int4[]", NUMBER, "'{{1,NULL},{3,4}}'", "'[0:1][1:1]={{7},{8}}'"),
            c("a_int4_3d", "int4[]", NUMBER, "'{{{1,2},{3,4}},{{5,6},{7,NULL}}}'", "'[2:3]={1,2}'"),
            c("a_text", "text[]", NUMBER, "ARRAY['a b', 'c\"d', E'e\\\\f', '', 'NULL', NULL, '{x}', 'α,β', E'n\\nl']", "'{}'"),
            c("a_bool", "bool[]", NUMBER, "'{t,f,NULL}'", "'{{t},{f}}'"),
            c("a_float8", "float8[]", NUMBER, "'{1.5,NaN,-Infinity,1e100}'", "'{NULL}'"),
            c("a_numeric", "numeric[]", TEXTS, "'{1.50,NaN,NULL}'", "'{{1},{2}}'"),
            c("a_jsonb", "jsonb[]", NUMBER, "ARRAY['{\"a\": 1}'::jsonb, '[1, 2]', 'null', NULL]", "'{}'"),
            c("a_json", "json[]", NUMBER, "ARRAY['{\"x\": \"y\\\"z\"}'::json]", "ARRAY['[]'::json, NULL]"),
            c("a_timestamptz", "timestamptz[]", elements(TSTZ, "timestamptz"), "ARRAY['2024-10-28 21:37:01.12747+00'::timestamptz, NULL, 'infinity']",
                    "ARRAY['2000-01-01 00:00:00.000001-07'::timestamptz]"),
            c("a_timestamp", "timestamp[]", elements(TS, "timestamp"), "ARRAY['2024-10-28 21:37:01'::timestamp, '-infinity']", "'{}'"),
            c("a_date", "date[]", TEXTS, "ARRAY['2024-10-28'::date, NULL]", "'{infinity}'"),
            c("a_time", "time[]", elements(TIME, "time"), "ARRAY['01:02:03.5'::time]", "ARRAY[NULL::time]"),
            c("a_interval", "interval[]", elements(INTERVAL, "interval"), "ARRAY['1 day'::interval, '-00:00:01.5', NULL]",
                    "ARRAY['1 mon -1 day'::interval]"),
            c("a_uuid", "uuid[]", TEXTS, "ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]", "'{}'"),
            c("a_bytea", "bytea[]", TEXTS, "ARRAY['\\x00ff'::bytea, NULL]", "ARRAY[''::bytea]"),
            c("a_box", "box[]", TEXTS, "ARRAY['((0,0),(1,1))'::box, '((2,2),(3,3))']", "ARRAY['((5,5),(5,5))'::box]"),
            c("a_point", "point[]", TEXTS, "ARRAY[point '(1,2)']", "'{}'"),
            c("a_inet", "inet[]", elements(OUTPUT, "inet"), "'{192.168.0.1,::1}'", "'{NULL}'"),
            c("a_mood", "mood[]", TEXTS, "'{sad,NULL,happy}'", "'{}'"),
            c("a_pos", "pos_int[]", NUMBER, "'{1,NULL,3}'", "'{}'"),
            c("a_address", "address[]", TEXTS, "ARRAY[ROW('a', 'b,c')::address, NULL, ROW('x\"y', NULL)::address]", "'{}'"),
            c("a_range", "int4range[]", TEXTS, "'{\"[1,3)\",empty}'", "'{}'"),
            c("Mixed Case \"q\"", "int4", NUMBER, "1", "2"));

    static final String SETUP_TYPES = """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN pos_int AS int4 CHECK (VALUE > 0);
            CREATE DOMAIN email AS text;
            CREATE TYPE address AS (street text, city text)
            """;

    private FidelityColumns() {
    }

    static String createTable(String table, String identity) {
        return "CREATE TABLE " + table + " (id int PRIMARY KEY, "
                + ALL.stream().map(c -> quote(c.name()) + " " + c.type()).collect(Collectors.joining(", "))
                + "); ALTER TABLE " + table + " REPLICA IDENTITY " + identity;
    }

    static String insert(String table, int id, boolean nulls) {
        return "INSERT INTO " + table + " VALUES (" + id + ", "
                + ALL.stream().map(c -> nulls ? "NULL" : c.first()).collect(Collectors.joining(", ")) + ")";
    }

    static String updateAll(String table, int id) {
        return "UPDATE " + table + " SET " + ALL.stream().map(c -> quote(c.name()) + " = " + c.second())
                .collect(Collectors.joining(", ")) + " WHERE id = " + id;
    }

    /**
     * Postgres' expected JSON object for the row with this id, as jsonb text. Built in chunks:
     * {@code jsonb_build_object} takes at most 100 arguments.
     */
    static String expectedQuery(String table) {
        StringBuilder sql = new StringBuilder("SELECT (jsonb_build_object('id', to_jsonb(id))");
        for (int from = 0; from < ALL.size(); from += 40) {
            sql.append(" || jsonb_build_object(").append(ALL.subList(from, Math.min(from + 40, ALL.size())).stream().map(c -> {
                String ref = quote(c.name());
                return "'" + c.name().replace("'", "''") + "', CASE WHEN " + ref + " IS NULL THEN NULL ELSE "
                        + String.format(c.expected(), ref) + " END";
            }).collect(Collectors.joining(", "))).append(')');
        }
        return sql.append(")::text FROM ").append(table).append(" WHERE id = ?::int").toString();
    }

    private static String elements(String perElement, String type) {
        return "(SELECT coalesce(jsonb_agg(CASE WHEN x IS NULL THEN 'null'::jsonb ELSE " + String.format(perElement, "x")
                + " END ORDER BY o), '[]') FROM unnest(%1$s::" + type + "[]) WITH ORDINALITY u(x, o))";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static Column c(String name, String type, String expected, String first, String second) {
        return new Column(name, type, expected, first, second);
    }
}
