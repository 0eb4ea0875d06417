package dev.sequin.app.databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequin.app.ApiClient;
import dev.sequin.app.api.ApiProblem;
import org.junit.jupiter.api.Test;

class DatabaseInputTest {

    private static DatabaseInput parse(String json) {
        return DatabaseInput.parse(ApiClient.json().readTree(json));
    }

    @Test
    void urlIsTakenApartWithLibpqDecoding() {
        DatabaseInput in = parse("{\"name\": \"db\", \"url\": \"postgresql://app%40corp:p+a%2Fss@[::1]:6543/shop%20db\"}");
        assertThat(in.username()).isEqualTo("app@corp");
        assertThat(in.password()).isEqualTo("p+a/ss");
        assertThat(in.hostname()).isEqualTo("::1");
        assertThat(in.port()).isEqualTo(6543);
        assertThat(in.database()).isEqualTo("shop db");
        assertThat(parse("{\"url\": \"postgres://h/d\"}").port()).isNull();
    }

    @Test
    void urlRefusesQueryParametersOtherSchemesAndDiscreteFields() {
        assertThatThrownBy(() -> parse("{\"url\": \"postgresql://u@h/d?sslmode=require\"}"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.body().toString()).contains("query parameters"));
        assertThatThrownBy(() -> parse("{\"url\": \"mysql://u@h/d\"}")).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> parse("{\"url\": \"postgresql://u@h/d\", \"port\": 5432}"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.body().toString()).contains("cannot be combined with port"));
        assertThatThrownBy(() -> parse("{\"url\": \"postgresql://u@h/\"}")).isInstanceOf(ApiProblem.class);
    }

    @Test
    void createNeedsNamesThatCannotCarrySql() {
        String slots = "\"replication_slots\": [{\"slot_name\": \"s\", \"publication_name\": \"p\"}]";
        assertThatThrownBy(() -> DatabaseSettings.forCreate(parse("{\"name\": \"a b;\", \"hostname\": \"h\", \"database\": \"d\", " + slots + "}")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.body().get("validation_errors").toString()).contains("name="));
        assertThatThrownBy(() -> DatabaseSettings.forCreate(parse("{\"name\": \"ok\", \"hostname\": \"h\", \"database\": \"d\", "
                + "\"replication_slots\": [{\"slot_name\": \"Bad-Slot\", \"publication_name\": \"p\"}]}")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.body().toString()).contains("slot_name must contain"));
        DatabaseSettings ok = DatabaseSettings.forCreate(parse("{\"name\": \"ok.db-1\", \"hostname\": \"h\", \"database\": \"d\", " + slots + "}"));
        assertThat(ok.port()).isEqualTo(5432);
        assertThat(ok.username()).isEqualTo("postgres");
        assertThat(ok.poolSize()).isEqualTo(10);
        assertThat(ok.annotationsJson()).isEqualTo("{}");
        assertThat(ok.merge(parse("{\"password\": \"new\"}")).sourceDiffers(ok)).isTrue();
        assertThat(ok.merge(parse("{\"pool_size\": 4}")).sourceDiffers(ok)).isFalse();
        assertThat(ok.merge(parse("{\"password\": \"topsecret\"}")).toString()).doesNotContain("topsecret");
    }
}
