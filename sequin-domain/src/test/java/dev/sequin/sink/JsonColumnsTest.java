package dev.sequin.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.TableName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonColumnsTest {

    @Test
    void headersRoundTripByteExactAndInOrder() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Zeta", "  padded value  ");
        headers.put("authorization", "Bearer ÄbC\t\"quoted\"");
        headers.put("A-First", "");
        Map<String, String> back = JsonColumns.headers(JsonColumns.headers(headers));
        assertThat(back).containsExactlyEntriesOf(headers);
    }

    @Test
    void sourceKeepsUnsetListsApartFromSetOnes() {
        SourceSelection source = new SourceSelection(null, Set.of("audit"), Set.of(new TableName("public", "orders")), null);
        SourceSelection back = JsonColumns.source(JsonColumns.source(source));
        assertThat(back).isEqualTo(source);
        assertThat(back.includeSchemas()).isNull();
    }

    @Test
    void tablesKeepTheirGroupColumnsInOrder() {
        List<SinkTable> tables = List.of(new SinkTable(new TableName("public", "orders"), List.of("tenant", "id")),
                new SinkTable(new TableName("billing", "invoices"), List.of()));
        assertThat(JsonColumns.tables(JsonColumns.tables(tables))).isEqualTo(tables);
    }
}
