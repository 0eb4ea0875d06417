package dev.sequin.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthAndAuthIT extends AppIntegrationTest {

    @Test
    void healthNeedsNoToken() {
        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + port, null);
        ApiClient.Response health = anonymous.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.get("ok").asBoolean()).isTrue();
    }

    @Test
    void apiRefusesMissingMalformedAndUnknownTokens() {
        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + port, null);
        ApiClient.Response missing = anonymous.get("/api/postgres_databases");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.get("summary").asString()).contains("Authorization");

        ApiClient.Response malformed = anonymous.send(anonymous.request("/api/postgres_databases")
                .header("Authorization", "Token abc").GET().build());
        assertThat(malformed.status()).isEqualTo(401);

        ApiClient wrong = new ApiClient("http://127.0.0.1:" + port, "not-a-token");
        assertThat(wrong.get("/api/postgres_databases").status()).isEqualTo(401);
    }

    @Test
    void provisionedTokenIsAccepted() {
        ApiClient.Response response = api.get("/api/no_such_route");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.get("summary").asString()).isEqualTo("Not found");
    }
}
