package dev.sequin.replication.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs are Postgres text output under the slot reader's session settings (ISO, UTC, postgres). */
class JsonValueEncoderTest {

    private static final int BOOL = 16, BYTEA = 17, CHAR = 18, NAME = 19, INT8 = 20, INT2 = 21, INT4 = 23,
            TEXT = 25, OID = 26, JSON = 114, XML = 142, POINT = 600, BOX = 603, CIDR = 650, FLOAT4 = 700,
            FLOAT8 = 701, MONEY = 790, MACADDR = 829, INET = 869, BPCHAR = 1042, VARCHAR = 1043, DATE = 1082,
            TIME = 1083, TIMESTAMP = 1114, TIMESTAMPTZ = 1184, INTERVAL = 1186, TIMETZ = 1266, BIT = 1560,
            VARBIT = 1562, NUMERIC = 1700, UUID = 2950, PG_LSN = 3220, TSVECTOR = 3614, JSONB = 3802,
            INT4RANGE = 3904;
    private static final int INT4_ARRAY = 1007, TEXT_ARRAY = 1009, BOX_ARRAY = 1020, FLOAT8_ARRAY = 1022,
            JSONB_ARRAY = 3807, TIMESTAMPTZ_ARRAY = 1185, NUMERIC_ARRAY = 1231, INT4RANGE_ARRAY = 3905,
            INTERVAL_ARRAY = 1187, BOOL_ARRAY = 1000;

    private final JsonValueEncoder encoder = new JsonValueEncoder(EncodingOptions.DEFAULTS);

    @Test
    void booleansAndIntegersAreJsonLiterals() throws Exception {
        assertThat(json(BOOL, "t")).isEqualTo("true");
        assertThat(json(BOOL, "f")).isEqualTo("false");
        assertThat(json(INT2, "-32768")).isEqualTo("-32768");
        assertThat(json(INT4, "42")).isEqualTo("42");
        assertThat(json(INT8, "9223372036854775807")).isEqualTo("9223372036854775807");
        assertThat(json(OID, "4294967295")).isEqualTo("4294967295");
    }

    @Test
    void floatsAreNumbersExceptNanAndInfinities() throws Exception {
        assertThat(json(FLOAT8, "1.5")).isEqualTo("1.5");
        assertThat(json(FLOAT8, "1e+100")).isEqualTo("1e+100");
        assertThat(json(FLOAT8, "1e-07")).isEqualTo("1e-07");
        assertThat(json(FLOAT8, "-0")).isEqualTo("-0");
        assertThat(json(FLOAT4, "0.1")).isEqualTo("0.1");
        assertThat(json(FLOAT8, "NaN")).isEqualTo("\"NaN\"");
        assertThat(json(FLOAT4, "Infinity")).isEqualTo("\"Infinity\"");
        assertThat(json(FLOAT8, "-Infinity")).isEqualTo("\"-Infinity\"");
    }

    @Test
    void numericIsAStringByDefaultAndANumberOnRequest() throws Exception {
        JsonValueEncoder asNumber = new JsonValueEncoder(new EncodingOptions(NumericFormat.NUMBER));
        ValueType numeric = type(NUMERIC);

        assertThat(json(NUMERIC, "199.99")).isEqualTo("\"199.99\"");
        assertThat(json(NUMERIC, "NaN")).isEqualTo("\"NaN\"");
        assertThat(asNumber.encode(numeric, "123456789012345678901234567890.000000001"))
                .isEqualTo("123456789012345678901234567890.000000001");
        assertThat(asNumber.encode(numeric, "-0.5")).isEqualTo("-0.5");
        assertThat(asNumber.encode(numeric, "NaN")).isEqualTo("\"NaN\"");
        assertThat(asNumber.encode(numeric, "-Infinity")).isEqualTo("\"-Infinity\"");
        assertThat(asNumber.encode(type(NUMERIC_ARRAY), "{1.50,NaN,NULL}")).isEqualTo("[1.50,\"NaN\",null]");
    }

    @Test
    void stringTypesKeepTheirPostgresText() throws Exception {
        assertThat(json(MONEY, "$1,234.56")).isEqualTo("\"$1,234.56\"");
        assertThat(json(TEXT, "Grüße 😀 日本")).isEqualTo("\"Grüße 😀 日本\"");
        assertThat(json(VARCHAR, "v")).isEqualTo("\"v\"");
        assertThat(json(BPCHAR, "ab  ")).isEqualTo("\"ab  \"");
        assertThat(json(CHAR, "x")).isEqualTo("\"x\"");
        assertThat(json(NAME, "pg_class")).isEqualTo("\"pg_class\"");
        assertThat(json(UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")).isEqualTo("\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"");
        assertThat(json(BYTEA, "\\xdeadbeef")).isEqualTo("\"\\\\xdeadbeef\"");
        assertThat(json(DATE, "2024-10-28")).isEqualTo("\"2024-10-28\"");
        assertThat(json(INET, "192.168.0.1/24")).isEqualTo("\"192.168.0.1/24\"");
        assertThat(json(CIDR, "10.0.0.0/8")).isEqualTo("\"10.0.0.0/8\"");
        assertThat(json(MACADDR, "08:00:2b:01:02:03")).isEqualTo("\"08:00:2b:01:02:03\"");
        assertThat(json(BIT, "1010")).isEqualTo("\"1010\"");
        assertThat(json(VARBIT, "101")).isEqualTo("\"101\"");
        assertThat(json(XML, "<a href=\"x\">t</a>")).isEqualTo("\"<a href=\\\"x\\\">t</a>\"");
        assertThat(json(TSVECTOR, "'a':1 'b':2")).isEqualTo("\"'a':1 'b':2\"");
        assertThat(json(PG_LSN, "16/3002D50")).isEqualTo("\"16/3002D50\"");
        assertThat(json(POINT, "(1,2)")).isEqualTo("\"(1,2)\"");
        assertThat(json(INT4RANGE, "[1,5)")).isEqualTo("\"[1,5)\"");
    }

    @Test
    void stringsEscapeQuotesBackslashesAndControlCharacters() throws Exception {
        assertThat(json(TEXT, "q\"b\\n\nr\rt\tz\u0000\u001f\b\f\u2028\u2029"))
                .isEqualTo("\"q\\\"b\\\\n\\nr\\rt\\tz\\u0000\\u001f\\b\\f\u2028\u2029\"");
    }

    @Test
    void jsonIsEmbeddedAsJsonWithoutInsignificantWhitespace() throws Exception {
        assertThat(json(JSONB, "{\"a\": [1, 2.5e10, {\"b\": null}], \"c\": \"x y\"}"))
                .isEqualTo("{\"a\":[1,2.5e10,{\"b\":null}],\"c\":\"x y\"}");
        assertThat(json(JSON, " \n[ true , false,\"\\u00e9\\n\" ] ")).isEqualTo("[true,false,\"\\u00e9\\n\"]");
        assertThat(json(JSON, "123456789012345678901234567890")).isEqualTo("123456789012345678901234567890");
        assertThat(json(JSONB, "\"just a string\"")).isEqualTo("\"just a string\"");
        assertThat(json(JSONB, "{}")).isEqualTo("{}");
        assertThat(json(JSONB, "[[[]]]")).isEqualTo("[[[]]]");
        assertThat(json(JSON, "[" .repeat(10_000) + "]".repeat(10_000))).hasSize(20_000);
    }

    @Test
    void invalidJsonIsAnErrorNamingTheTypeNotTheValue() {
        for (String invalid : new String[] {"{", "{\"a\" 1}", "[1,]", "01", "1.", "tru", "\"a\nb\"", "{} x", "",
                "{\"a\":1,}", "\"\\x\"", "[1 2]", "-", "{1:2}"}) {
            assertThatThrownBy(() -> json(JSON, invalid)).as(invalid)
                    .isInstanceOf(ValueEncodingException.class)
                    .hasMessageStartingWith("Invalid json value");
        }
        assertThatThrownBy(() -> json(JSONB, "{\"secret\": nope}"))
                .isInstanceOf(ValueEncodingException.class)
                .satisfies(e -> assertThat(((ValueEncodingException) e).typeName()).isEqualTo("jsonb"))
                .message().doesNotContain("secret");
    }

    @Test
    void failedEncodingLeavesTheOutputUntouched() {
        StringBuilder out = new StringBuilder("{\"a\":");

        assertThatThrownBy(() -> encoder.encode(type(JSONB_ARRAY), "{\"[1]\",\"[2\"}", out))
                .isInstanceOf(ValueEncodingException.class);
        assertThat(out).hasToString("{\"a\":");
    }

    @Test
    void timestampsGetSixFractionalDigitsAndTimestamptzIsUtc() throws Exception {
        assertThat(json(TIMESTAMP, "2024-10-28 21:37:01.12747")).isEqualTo("\"2024-10-28T21:37:01.127470\"");
        assertThat(json(TIMESTAMP, "2024-10-28 21:37:01")).isEqualTo("\"2024-10-28T21:37:01.000000\"");
        assertThat(json(TIMESTAMPTZ, "2024-10-28 21:37:01.12747+00")).isEqualTo("\"2024-10-28T21:37:01.127470Z\"");
        assertThat(json(TIMESTAMPTZ, "2024-10-29 03:07:01.12747+05:30")).isEqualTo("\"2024-10-28T21:37:01.127470Z\"");
        assertThat(json(TIMESTAMPTZ, "2024-12-31 20:00:00.000001-04")).isEqualTo("\"2025-01-01T00:00:00.000001Z\"");
        assertThat(json(TIMESTAMPTZ, "1900-01-01 05:21:10+05:21:10")).isEqualTo("\"1900-01-01T00:00:00.000000Z\"");
    }

    @Test
    void infiniteBcAndFiveDigitYearTimestampsStayRawText() throws Exception {
        assertThat(json(TIMESTAMPTZ, "infinity")).isEqualTo("\"infinity\"");
        assertThat(json(TIMESTAMP, "-infinity")).isEqualTo("\"-infinity\"");
        assertThat(json(TIMESTAMPTZ, "0044-03-15 12:00:00+00 BC")).isEqualTo("\"0044-03-15 12:00:00+00 BC\"");
        assertThat(json(TIMESTAMP, "0044-03-15 12:00:00 BC")).isEqualTo("\"0044-03-15 12:00:00 BC\"");
        assertThat(json(TIMESTAMP, "10000-01-01 00:00:00")).isEqualTo("\"10000-01-01 00:00:00\"");
        assertThat(json(TIMESTAMPTZ, "9999-12-31 23:00:00-02")).isEqualTo("\"9999-12-31 23:00:00-02\"");
    }

    @Test
    void timesDropFractionAndOffsetAsSequinDoes() throws Exception {
        assertThat(json(TIME, "21:37:01.127")).isEqualTo("\"21:37:01\"");
        assertThat(json(TIME, "21:37:01")).isEqualTo("\"21:37:01\"");
        assertThat(json(TIMETZ, "21:37:01.5+05:30")).isEqualTo("\"21:37:01\"");
        assertThat(json(TIME, "24:00:00")).isEqualTo("\"24:00:00\"");
    }

    @Test
    void intervalsBecomeMonthsDaysAndMicroseconds() throws Exception {
        assertThat(json(INTERVAL, "1 year 2 mons 3 days 04:05:06.789"))
                .isEqualTo("{\"months\":14,\"days\":3,\"microseconds\":14706789000}");
        assertThat(json(INTERVAL, "-10 mons -3 days +04:00:00")).isEqualTo("{\"months\":-10,\"days\":-3,\"microseconds\":14400000000}");
        assertThat(json(INTERVAL, "-1 years -2 mons -3 days -04:00:05.5"))
                .isEqualTo("{\"months\":-14,\"days\":-3,\"microseconds\":-14405500000}");
        assertThat(json(INTERVAL, "00:00:00")).isEqualTo("{\"months\":0,\"days\":0,\"microseconds\":0}");
        assertThat(json(INTERVAL, "1 day -00:00:01")).isEqualTo("{\"months\":0,\"days\":1,\"microseconds\":-1000000}");
        assertThat(json(INTERVAL, "-1 days +00:00:01")).isEqualTo("{\"months\":0,\"days\":-1,\"microseconds\":1000000}");
        assertThat(json(INTERVAL, "123456:00:00.000001")).isEqualTo("{\"months\":0,\"days\":0,\"microseconds\":444441600000001}");
        assertThat(json(INTERVAL, "-00:00:00.5")).isEqualTo("{\"months\":0,\"days\":0,\"microseconds\":-500000}");
        assertThat(json(INTERVAL, "-178956970 years -8 mons -2147483648 days -2562047788:00:54.775808"))
                .isEqualTo("{\"months\":-2147483648,\"days\":-2147483648,\"microseconds\":-9223372036854775808}");
        assertThat(json(INTERVAL, "infinity")).isEqualTo("\"infinity\"");
    }

    @Test
    void intervalInAnotherStyleIsAnError() {
        assertThatThrownBy(() -> json(INTERVAL, "P1Y2M")).isInstanceOf(ValueEncodingException.class)
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> json(INTERVAL, "@ 1 year 2 mons")).isInstanceOf(ValueEncodingException.class);
    }

    @Test
    void arraysBecomeJsonArraysOfEncodedElements() throws Exception {
        assertThat(json(INT4_ARRAY, "{}")).isEqualTo("[]");
        assertThat(json(INT4_ARRAY, "{1,2,3}")).isEqualTo("[1,2,3]");
        assertThat(json(INT4_ARRAY, "{{1,NULL},{3,4}}")).isEqualTo("[[1,null],[3,4]]");
        assertThat(json(INT4_ARRAY, "{{{1},{2}},{{3},{4}}}")).isEqualTo("[[[1],[2]],[[3],[4]]]");
        assertThat(json(INT4_ARRAY, "[2:3]={1,2}")).isEqualTo("[1,2]");
        assertThat(json(INT4_ARRAY, "[0:1][1:1]={{7},{8}}")).isEqualTo("[[7],[8]]");
        assertThat(json(BOOL_ARRAY, "{t,f,NULL}")).isEqualTo("[true,false,null]");
        assertThat(json(FLOAT8_ARRAY, "{1.5,NaN,-Infinity,1e+100}")).isEqualTo("[1.5,\"NaN\",\"-Infinity\",1e+100]");
        assertThat(json(TIMESTAMPTZ_ARRAY, "{\"2024-10-28 21:37:01.12747+00\",NULL}"))
                .isEqualTo("[\"2024-10-28T21:37:01.127470Z\",null]");
        assertThat(json(INTERVAL_ARRAY, "{\"1 day\",00:00:01}"))
                .isEqualTo("[{\"months\":0,\"days\":1,\"microseconds\":0},{\"months\":0,\"days\":0,\"microseconds\":1000000}]");
    }

    @Test
    void quotedArrayElementsAreUnescapedAndQuotedNullIsAString() throws Exception {
        assertThat(json(TEXT_ARRAY, "{\"a b\",\"c\\\"d\",\"e\\\\f\",\"\",\"NULL\",NULL,null,\"{x}\",\"α,β\"}"))
                .isEqualTo("[\"a b\",\"c\\\"d\",\"e\\\\f\",\"\",\"NULL\",null,null,\"{x}\",\"α,β\"]");
        assertThat(json(TEXT_ARRAY, "{{a,\"b}\"},{NULL,\"\"}}")).isEqualTo("[[\"a\",\"b}\"],[null,\"\"]]");
    }

    @Test
    void arrayElementsOfJsonAreJsonAndOfRangesAreStrings() throws Exception {
        assertThat(json(JSONB_ARRAY, "{\"{\\\"a\\\": 1}\",\"[1, 2]\",\"null\",NULL}")).isEqualTo("[{\"a\":1},[1,2],null,null]");
        assertThat(json(INT4RANGE_ARRAY, "{\"[1,3)\",empty}")).isEqualTo("[\"[1,3)\",\"empty\"]");
    }

    @Test
    void boxArraysUseTheSemicolonDelimiter() throws Exception {
        assertThat(json(BOX_ARRAY, "{(1,1),(0,0);(3,3),(2,2)}")).isEqualTo("[\"(1,1),(0,0)\",\"(3,3),(2,2)\"]");
    }

    @Test
    void malformedArrayTextIsAnError() {
        for (String bad : new String[] {"1,2", "{1,2", "{1,,2}", "{\"a}", "[1:2]{1,2}", "{1}x"}) {
            assertThatThrownBy(() -> json(INT4_ARRAY, bad)).as(bad)
                    .isInstanceOf(ValueEncodingException.class)
                    .hasMessageContaining("_int4");
        }
    }

    @Test
    void enumsCompositesRangesAndUnknownTypesAreStringsDomainsTheirBaseAndVectorsArrays() throws Exception {
        FakeCatalog catalog = new FakeCatalog();
        catalog.add(new TypeDescriptor(50001, "public", "mood", 'e', 'E', 0, 0, ',', false));
        catalog.add(new TypeDescriptor(50002, "public", "_mood", 'b', 'A', 50001, 0, ',', true));
        catalog.add(new TypeDescriptor(50003, "public", "pos_int", 'd', 'N', 0, INT4, ',', false));
        catalog.add(new TypeDescriptor(50004, "public", "_pos_int", 'b', 'A', 50003, 0, ',', true));
        catalog.add(new TypeDescriptor(50005, "public", "address", 'c', 'C', 0, 0, ',', false));
        catalog.add(new TypeDescriptor(50006, "public", "floatrange", 'r', 'R', 0, 0, ',', false));
        catalog.add(new TypeDescriptor(50007, "public", "vector", 'b', 'U', 0, 0, ',', false));
        catalog.add(new TypeDescriptor(50008, "public", "doc", 'd', 'U', 0, JSONB, ',', false));
        catalog.add(new TypeDescriptor(50009, "public", "int_list", 'd', 'A', 0, INT4_ARRAY, ',', false));
        catalog.add(new TypeDescriptor(50010, "public", "citext", 'b', 'S', 0, 0, ',', false));
        catalog.add(new TypeDescriptor(50011, "public", "json", 'b', 'U', 0, 0, ',', false));

        assertThat(json(catalog, 50001, "happy")).isEqualTo("\"happy\"");
        assertThat(json(catalog, 50002, "{sad,NULL,happy}")).isEqualTo("[\"sad\",null,\"happy\"]");
        assertThat(json(catalog, 50003, "7")).isEqualTo("7");
        assertThat(json(catalog, 50004, "{1,NULL}")).isEqualTo("[1,null]");
        assertThat(json(catalog, 50005, "(\"1 Main St\",Springfield)")).isEqualTo("\"(\\\"1 Main St\\\",Springfield)\"");
        assertThat(json(catalog, 50006, "[1.5,2.5)")).isEqualTo("\"[1.5,2.5)\"");
        assertThat(json(catalog, 50007, "[1,2.5,-3e-05]")).isEqualTo("[1,2.5,-3e-05]");
        assertThat(json(catalog, 50008, "{\"a\": 1}")).isEqualTo("{\"a\":1}");
        assertThat(json(catalog, 50009, "{1,2}")).isEqualTo("[1,2]");
        assertThat(json(catalog, 50010, "MiXeD")).isEqualTo("\"MiXeD\"");
        assertThat(json(catalog, 50011, "{not json")).as("only pg_catalog.json is JSON").isEqualTo("\"{not json\"");
        assertThat(json(catalog, 99999, "whatever")).isEqualTo("\"whatever\"");
        assertThat(ValueType.resolve(50003, catalog).name()).isEqualTo("pos_int");
    }

    private String json(int oid, String text) throws ValueEncodingException {
        return encoder.encode(type(oid), text);
    }

    private String json(TypeCatalog catalog, int oid, String text) throws ValueEncodingException {
        return encoder.encode(ValueType.resolve(oid, catalog), text);
    }

    private static ValueType type(int oid) {
        return ValueType.resolve(oid, TypeCatalog.builtins());
    }

    /** Builtins plus whatever the test adds. */
    static final class FakeCatalog implements TypeCatalog {
        private final Map<Integer, TypeDescriptor> types = new HashMap<>();

        void add(TypeDescriptor type) {
            types.put(type.oid(), type);
        }

        @Override
        public TypeDescriptor describe(int oid) {
            TypeDescriptor builtin = TypeCatalog.builtins().describe(oid);
            return builtin != null ? builtin : types.get(oid);
        }
    }
}
