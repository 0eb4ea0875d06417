package dev.sequin.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.message.TableName;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceSelectionTest {

    private static final TableName PUBLIC_ORDERS = new TableName("public", "orders");
    private static final TableName PUBLIC_USERS = new TableName("public", "users");
    private static final TableName BILLING_INVOICES = new TableName("billing", "invoices");

    @Test
    void nothingSetSelectsEveryTable() {
        assertThat(SourceSelection.ALL.selects(PUBLIC_ORDERS)).isTrue();
        assertThat(SourceSelection.ALL.selects(BILLING_INVOICES)).isTrue();
    }

    @Test
    void includedSchemasSelectOnlyTheirTables() {
        SourceSelection source = new SourceSelection(Set.of("billing"), null, null, null);
        assertThat(source.selects(BILLING_INVOICES)).isTrue();
        assertThat(source.selects(PUBLIC_ORDERS)).isFalse();
    }

    @Test
    void excludedSchemasDropTheirTables() {
        SourceSelection source = new SourceSelection(null, Set.of("billing"), null, null);
        assertThat(source.selects(BILLING_INVOICES)).isFalse();
        assertThat(source.selects(PUBLIC_ORDERS)).isTrue();
    }

    @Test
    void includedTablesSelectOnlyThemselves() {
        SourceSelection source = new SourceSelection(null, null, Set.of(PUBLIC_ORDERS), null);
        assertThat(source.selects(PUBLIC_ORDERS)).isTrue();
        assertThat(source.selects(PUBLIC_USERS)).isFalse();
    }

    @Test
    void excludedTablesAreDroppedFromTheRest() {
        SourceSelection source = new SourceSelection(null, null, null, Set.of(PUBLIC_USERS));
        assertThat(source.selects(PUBLIC_USERS)).isFalse();
        assertThat(source.selects(PUBLIC_ORDERS)).isTrue();
    }

    @Test
    void schemaAndTableRulesMustBothHold() {
        // Sequin ANDs the levels: an included table in a schema that is not included is not selected.
        SourceSelection source = new SourceSelection(Set.of("billing"), null, Set.of(PUBLIC_ORDERS), null);
        assertThat(source.selects(PUBLIC_ORDERS)).isFalse();
        assertThat(source.selects(BILLING_INVOICES)).isFalse();
        SourceSelection both = new SourceSelection(Set.of("public"), null, null, Set.of(PUBLIC_USERS));
        assertThat(both.selects(PUBLIC_ORDERS)).isTrue();
        assertThat(both.selects(PUBLIC_USERS)).isFalse();
    }

    @Test
    void tableNamesAreCaseSensitive() {
        SourceSelection source = new SourceSelection(null, null, Set.of(new TableName("public", "Orders")), null);
        assertThat(source.selects(new TableName("public", "Orders"))).isTrue();
        assertThat(source.selects(PUBLIC_ORDERS)).isFalse();
    }
}
