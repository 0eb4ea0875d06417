package dev.sequin.app.endpoints;

import static dev.sequin.app.ApiAssertions.expectProblem;
import static dev.sequin.app.ApiAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.ApiClient;
import dev.sequin.app.AppIntegrationTest;
import dev.sequin.crypto.SecretMask;
import dev.sequin.sink.HttpEndpointSpec;
import dev.sequin.sink.HttpEndpoints;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class HttpEndpointApiIT extends AppIntegrationTest {

    private static final String BASE = "/api/destinations/http_endpoints";
    private static final String SIGNING = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Autowired
    HttpEndpoints httpEndpoints;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void createGetListUpdateAndDeleteByIdOrName() {
        String name = unique("orders-hook");
        ApiClient.Response created = api.post(BASE, """
                {"name": "%s", "url": "https://example.com/hooks",
                 "headers": {"X-Tenant": "acme"}}""".formatted(name));
        assertThat(created.status()).isEqualTo(200);
        String id = created.get("id").asString();
        assertThat(created.get("name").asString()).isEqualTo(name);
        assertThat(created.get("url").asString()).isEqualTo("https://example.com/hooks");
        assertThat(created.get("headers").get("X-Tenant").asString()).isEqualTo("acme");
        assertThat(created.get("encrypted_headers").size()).isZero();
        assertThat(created.get("signing_secret").isNull()).isTrue();

        assertThat(api.get(BASE + "/" + id).get("name").asString()).isEqualTo(name);
        assertThat(api.get(BASE + "/" + name).get("id").asString()).isEqualTo(id);
        assertThat(names(api.get(BASE))).contains(name);

        ApiClient.Response patched = api.patch(BASE + "/" + name, """
                {"url": "http://localhost:9000/in"}""");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.get("url").asString()).isEqualTo("http://localhost:9000/in");
        assertThat(patched.get("headers").get("X-Tenant").asString()).as("PATCH is partial").isEqualTo("acme");

        String renamed = unique("renamed-hook");
        ApiClient.Response put = api.put(BASE + "/" + id, """
                {"name": "%s"}""".formatted(renamed));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.get("url").asString()).as("PUT is partial too").isEqualTo("http://localhost:9000/in");

        ApiClient.Response deleted = api.delete(BASE + "/" + renamed);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.get("id").asString()).isEqualTo(id);
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(api.get(BASE + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void secretsAreEncryptedAtRestAndMaskedOnRead() {
        String name = unique("secret-hook");
        ApiClient.Response created = api.post(BASE, """
                {"name": "%s", "url": "https://example.com/in",
                 "encrypted_headers": [{"key": "Authorization", "value": "Bearer sk_live_0123456789"}],
                 "signing_secret": "%s"}""".formatted(name, SIGNING));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.get("encrypted_headers").get("Authorization").asString())
                .isEqualTo(SecretMask.mask("Bearer sk_live_0123456789"))
                .startsWith("Bea").endsWith("9").doesNotContain("sk_live");
        assertThat(created.get("signing_secret").asString()).isEqualTo(SecretMask.mask(SIGNING));
        assertThat(created.text()).doesNotContain("sk_live_0123456789").doesNotContain(SIGNING);

        UUID id = UUID.fromString(created.get("id").asString());
        String stored = jdbc.queryForObject("SELECT coalesce(encrypted_headers, '') || '|' || signing_secret_encrypted"
                + " FROM http_endpoints WHERE id = ?", String.class, id);
        assertThat(stored).doesNotContain("sk_live").doesNotContain("Authorization").doesNotContain(SIGNING);

        HttpEndpointSpec spec = httpEndpoints.byId(id).orElseThrow();
        assertThat(spec.encryptedHeaders().get("Authorization").reveal()).isEqualTo("Bearer sk_live_0123456789");
        assertThat(spec.signingSecret().reveal()).isEqualTo(SIGNING);

        // A masked value sent back unchanged (GET, edit, PUT) keeps the stored secret.
        String masked = created.get("encrypted_headers").get("Authorization").asString();
        assertThat(api.put(BASE + "/" + name, """
                {"encrypted_headers": {"Authorization": "%s", "X-Api-Key": "k-123456"}}""".formatted(masked))
                .status()).isEqualTo(200);
        HttpEndpointSpec updated = httpEndpoints.byId(id).orElseThrow();
        assertThat(updated.encryptedHeaders().get("Authorization").reveal()).isEqualTo("Bearer sk_live_0123456789");
        assertThat(updated.encryptedHeaders().get("X-Api-Key").reveal()).isEqualTo("k-123456");

        ApiClient.Response unsigned = api.patch(BASE + "/" + name, "{\"signing_secret\": null}");
        assertThat(unsigned.get("signing_secret").isNull()).isTrue();
        assertThat(httpEndpoints.byId(id).orElseThrow().signingSecret()).isNull();
    }

    @Test
    void headersAreStoredAndReturnedByteExactInOrder() {
        String name = unique("exact-hook");
        ApiClient.Response created = api.post(BASE, """
                {"name": "%s", "url": "https://example.com/in",
                 "headers": {"x-lower": "  Mixed CASE value ", "X-Upper": "ÄÖÜ \\"q\\"", "A-Last": ""}}"""
                .formatted(name));
        assertThat(created.status()).isEqualTo(200);
        JsonNode headers = api.get(BASE + "/" + name).get("headers");
        assertThat(headers.propertyNames()).containsExactly("x-lower", "X-Upper", "A-Last");
        assertThat(headers.get("x-lower").asString()).isEqualTo("  Mixed CASE value ");
        assertThat(headers.get("X-Upper").asString()).isEqualTo("ÄÖÜ \"q\"");
        HttpEndpointSpec spec = httpEndpoints.byId(UUID.fromString(created.get("id").asString())).orElseThrow();
        assertThat(spec.headers().keySet()).containsExactly("x-lower", "X-Upper", "A-Last");
    }

    @Test
    void badInputIsA4xxInSequinsShapeAndCreatesNothing() {
        String name = unique("bad-hook");
        expectProblem(api.post(BASE, "{\"name\": \"" + name + "\", \"url\": "), 400, null);
        expectProblem(api.post(BASE, "[1, 2]"), 400, null);
        ApiClient.Response unknown = api.post(BASE, """
                {"name": "%s", "url": "https://example.com", "color": "red"}""".formatted(name));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.get("summary").asString()).isEqualTo("Unknown field: color");
        expectProblem(api.post(BASE, """
                {"name": "%s", "url": "ftp://example.com/in"}""".formatted(name)), 422, "url");
        expectProblem(api.post(BASE, """
                {"name": "%s", "url": "not a url"}""".formatted(name)), 422, "url");
        expectProblem(api.post(BASE, """
                {"name": "%s", "url": "/relative/path"}""".formatted(name)), 422, "url");
        expectProblem(api.post(BASE, """
                {"name": "%s"}""".formatted(name)), 422, "url");
        ApiClient.Response sql = expectProblem(api.post(BASE, """
                {"name": "x'; DROP TABLE sinks; --", "url": "https://example.com"}"""), 422, "name");
        assertThat(sql.get("validation_errors").get("name").get(0).asString()).contains("letters, digits");
        expectProblem(api.post(BASE, """
                {"name": "%s", "url": "https://example.com", "headers": {"Bad Header": "v"}}""".formatted(name)), 422, "headers");
        expectProblem(api.post(BASE, """
                {"name": "%s", "url": "https://example.com", "headers": {"X-A": "v\\r\\nX-Injected: 1"}}""".formatted(name)),
                422, "headers");
        expectProblem(api.post(BASE, """
                {"name": "%s", "url": "https://example.com", "headers": {"X-A": 5}}""".formatted(name)), 422, "headers");
        expectProblem(api.post(BASE, """
                {"name": "%s", "url": "https://example.com", "signing_secret": "hunter2"}""".formatted(name)),
                422, "signing_secret");
        expectProblem(api.post(BASE, """
                {"name": "%s", "local": true, "path": "/x"}""".formatted(name)), 422, "local");
        assertThat(names(api.get(BASE))).doesNotContain(name);

        ApiClient.Response wrongType = api.send(api.request(BASE).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(wrongType.status()).isEqualTo(400);
    }

    @Test
    void duplicateNamesAreRefusedOnCreateAndRename() {
        String first = unique("dup-hook");
        String second = unique("dup-hook");
        assertThat(api.post(BASE, endpoint(first)).status()).isEqualTo(200);
        assertThat(api.post(BASE, endpoint(second)).status()).isEqualTo(200);
        ApiClient.Response duplicate = expectProblem(api.post(BASE, endpoint(first)), 422, "name");
        assertThat(duplicate.get("summary").asString()).isEqualTo("Validation failed");
        assertThat(duplicate.get("validation_errors").get("name").get(0).asString()).isEqualTo("has already been taken");
        expectProblem(api.patch(BASE + "/" + second, "{\"name\": \"" + first + "\"}"), 422, "name");
        assertThat(api.get(BASE + "/" + second).get("name").asString()).isEqualTo(second);
        assertThat(names(api.get(BASE)).stream().filter(first::equals).count()).isEqualTo(1);
    }

    @Test
    void unknownEndpointIsA404WithSummary() {
        ApiClient.Response missing = api.get(BASE + "/no-such-endpoint-" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.get("summary").asString()).contains("HTTP endpoint not found");
        assertThat(api.delete(BASE + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.patch(BASE + "/nope-" + UUID.randomUUID(), "{}").status()).isEqualTo(404);
    }

    private static String endpoint(String name) {
        return "{\"name\": \"" + name + "\", \"url\": \"https://example.com/in\"}";
    }


    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
