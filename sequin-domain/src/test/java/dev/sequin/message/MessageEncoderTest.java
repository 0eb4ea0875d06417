package dev.sequin.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MessageEncoderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final UUID sinkId = UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479");
    private final UUID dbId = UUID.fromString("0b1e3c4d-0000-4000-8000-000000000001");
    private final MessageEncoder encoder = new MessageEncoder(
            new MessageEncoder.ConsumerInfo(sinkId, "orders_kafka", null),
            new MessageEncoder.DatabaseInfo(dbId, "myapp-prod", "{\"team\":\"a\"}", "myapp", "db.example.com"));

    @Test
    void updateHasTheContractShapeWithEveryMetadataKey() {
        ChangeMessage update = new ChangeMessage(Action.UPDATE, new TableName("public", "orders"), Lsn.of(123456789L), 1,
                1_730_151_561_127_470L, List.of("id", "status"), List.of("1234", "shipped"),
                "{\"id\":1234,\"status\":\"shipped\"}", "{\"status\":\"pending\"}", List.of("1234"), null);

        JsonNode json = JSON.readTree(new String(encoder.encode(update), StandardCharsets.UTF_8));

        assertThat(json.propertyNames()).containsExactlyInAnyOrder("record", "changes", "action", "metadata");
        assertThat(json.get("action").asString()).isEqualTo("update");
        assertThat(json.get("changes").get("status").asString()).isEqualTo("pending");
        JsonNode meta = json.get("metadata");
        assertThat(meta.propertyNames()).containsExactlyInAnyOrder("table_schema", "table_name", "commit_timestamp",
                "commit_lsn", "commit_idx", "idempotency_key", "record_pks", "database_name",
                "transaction_annotations", "enrichment", "consumer", "database");
        assertThat(meta.get("commit_timestamp").asString()).isEqualTo("2024-10-28T21:39:21.127470Z");
        assertThat(meta.get("commit_lsn").isIntegralNumber()).isTrue();
        assertThat(meta.get("commit_lsn").asLong()).isEqualTo(123456789L);
        assertThat(meta.get("idempotency_key").asString()).isEqualTo("MTIzNDU2Nzg5OjE=");
        assertThat(meta.get("record_pks").get(0).asString()).isEqualTo("1234");
        assertThat(meta.get("transaction_annotations").isNull()).isTrue();
        assertThat(meta.get("enrichment").isNull()).isTrue();
        assertThat(meta.get("consumer").get("id").asString()).isEqualTo(sinkId.toString());
        assertThat(meta.get("consumer").get("annotations").isObject()).isTrue();
        assertThat(meta.get("database").get("annotations").get("team").asString()).isEqualTo("a");
        assertThat(meta.get("database").get("hostname").asString()).isEqualTo("db.example.com");
        assertThat(meta.get("database_name").asString()).isEqualTo("myapp-prod");
    }

    @Test
    void aRowMessageHasOnlyRecordAndTheLegacyMetadata() {
        MessageEncoder rows = MessageEncoder.rows(new MessageEncoder.ConsumerInfo(sinkId, "posts_push_consumer", null),
                new MessageEncoder.DatabaseInfo(dbId, "app", null, "app", "localhost"));
        ChangeMessage update = new ChangeMessage(Action.UPDATE, new TableName("public", "posts"), Lsn.of(123456789L), 1,
                1_730_151_561_127_470L, List.of(), List.of(), "{\"id\":1,\"createdAt\":\"x\"}", "{}", List.of("1"), null);

        JsonNode json = JSON.readTree(rows.encode(update));

        assertThat(json).isEqualTo(JSON.readTree("""
                {"record": {"id": 1, "createdAt": "x"},
                 "metadata": {"table_schema": "public", "table_name": "posts", "commit_timestamp": "2024-10-28T21:39:21.127470Z",
                              "commit_lsn": 123456789, "idempotency_key": "MTIzNDU2Nzg5OjE=", "database_name": "app",
                              "consumer": {"id": "f47ac10b-58cc-4372-a567-0e02b2c3d479", "name": "posts_push_consumer", "annotations": {}}}}
                """));
    }

    @Test
    void insertHasNullChangesAndBatchesWrapInData() {
        ChangeMessage insert = Changes.insert(10, 0, "7");
        JsonNode one = JSON.readTree(encoder.encode(insert));
        assertThat(one.get("changes").isNull()).isTrue();
        JsonNode batch = JSON.readTree(encoder.encodeBatch(List.of(insert, insert)));
        assertThat(batch.get("data")).hasSize(2);
    }

    @Test
    void timestampsAlwaysHaveSixDigits() {
        StringBuilder out = new StringBuilder();
        MessageEncoder.appendTimestamp(out, 0);
        assertThat(out).hasToString("1970-01-01T00:00:00.000000Z");
    }

    @Test
    void stringsAreEscaped() {
        assertThat(JsonText.appendString(new StringBuilder(), "a\"b\\c\n\u0001")).hasToString("\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
