package dev.sequin.app.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.message.Action;
import dev.sequin.message.TableName;
import dev.sequin.sink.SinkDefinition;
import dev.sequin.sink.WebhookDestination;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SinkRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID DB = UUID.randomUUID();
    private static final UUID ENDPOINT = UUID.randomUUID();

    private static final SinkRequest.Resolver RESOLVER = new SinkRequest.Resolver() {
        @Override
        public UUID databaseId(String idOrName) {
            return DB;
        }

        @Override
        public UUID httpEndpointId(String idOrName) {
            return ENDPOINT;
        }
    };

    @Test
    void aMinimalWebhookSinkGetsSequinsDefaults() {
        SinkDefinition d = create("""
                {"name": "orders", "database": "db", "destination": {"type": "webhook", "http_endpoint": "e"}}""");
        assertThat(d.destination()).isEqualTo(new WebhookDestination(ENDPOINT, "", true));
        assertThat(d.batchSize()).isEqualTo(1);
        assertThat(d.actions()).containsExactly(Action.INSERT, Action.UPDATE, Action.DELETE);
        assertThat(d.messageGrouping()).isTrue();
        assertThat(d.ackWaitMs()).isEqualTo(30_000);
        assertThat(d.filterFunction()).isNull();
    }

    @Test
    void noneFunctionsAndDeprecatedSchemaKeyAreRead() {
        SinkDefinition d = create("""
                {"name": "orders", "database": "db", "destination": {"type": "sequin_stream"},
                 "filter": "none", "transform": null, "schema": "billing"}""");
        assertThat(d.filterFunction()).isNull();
        assertThat(d.source().includeSchemas()).containsExactly("billing");
        assertThat(d.source().selects(new TableName("public", "orders"))).isFalse();
    }

    @Test
    void changingTheTypeStartsFromThatTypesDefaults() {
        SinkDraft draft = SinkDraft.of(create("""
                {"name": "s", "database": "db", "destination": {"type": "sequin_stream"}}"""));
        SinkRequest.read(JSON.readTree("""
                {"destination": {"type": "webhook", "http_endpoint": "e", "http_endpoint_path": "?a=1"}}"""),
                draft, false, RESOLVER);
        SinkValidation.check(draft);
        assertThat(draft.build().destination()).isEqualTo(new WebhookDestination(ENDPOINT, "?a=1", true));
    }

    @Test
    void pathsMustStartAPathQueryOrFragmentAndStayShort() {
        for (String ok : new String[] {"", "/a/b", "?x=1", "#frag", "/a?b=c#d"}) {
            assertThat(create(webhookWithPath(ok)).destination()).isEqualTo(new WebhookDestination(ENDPOINT, ok, true));
        }
        for (String bad : new String[] {"a/b", "http://x.example/a", "//x.example/a", "/a b", "/" + "x".repeat(2000)}) {
            assertThatThrownBy(() -> create(webhookWithPath(bad))).as(bad).isInstanceOfSatisfying(ApiProblem.class,
                    problem -> assertThat(problem.body().get("validation_errors").toString())
                            .startsWith("{destination.http_endpoint_path="));
        }
    }

    @Test
    void retryPolicyIsKeptAndItsKeysChecked() {
        SinkDefinition d = create("""
                {"name": "s", "database": "db", "destination": {"type": "sequin_stream"},
                 "retry": {"max_attempts": 5, "factor": 1.5, "randomize": true}}""");
        assertThat(JSON.readTree(d.retryJson()).get("factor").asDouble()).isEqualTo(1.5);
        assertThatThrownBy(() -> create("""
                {"name": "s", "database": "db", "destination": {"type": "sequin_stream"}, "retry": {"tries": 5}}"""))
                .hasMessage("Unknown field: tries");
    }

    @Test
    void includeAndExcludeTablesExcludeEachOtherAndListsMustNotBeEmpty() {
        assertThatThrownBy(() -> create("""
                {"name": "s", "database": "db", "destination": {"type": "sequin_stream"},
                 "source": {"include_tables": ["public.a"], "exclude_tables": ["public.b"]}}"""))
                .isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> create("""
                {"name": "s", "database": "db", "destination": {"type": "sequin_stream"},
                 "source": {"include_schemas": []}}""")).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> create("""
                {"name": "s", "database": "db", "destination": {"type": "sequin_stream"},
                 "source": {"include_tables": ["orders"]}}""")).hasMessage("Validation failed");
        SinkDefinition d = create("""
                {"name": "s", "database": "db", "destination": {"type": "sequin_stream"},
                 "source": {"exclude_tables": ["public.audit"]}}""");
        assertThat(d.source().excludeTables()).isEqualTo(Set.of(new TableName("public", "audit")));
    }

    private static String webhookWithPath(String path) {
        return """
                {"name": "s", "database": "db",
                 "destination": {"type": "webhook", "http_endpoint": "e", "http_endpoint_path": %s}}"""
                .formatted(JSON.writeValueAsString(path));
    }

    private static SinkDefinition create(String json) {
        SinkDraft draft = SinkDraft.empty();
        SinkRequest.read(JSON.readTree(json), draft, true, RESOLVER);
        SinkValidation.check(draft);
        return draft.build();
    }
}
