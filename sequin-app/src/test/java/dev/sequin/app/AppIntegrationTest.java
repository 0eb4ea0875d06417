package dev.sequin.app;

import dev.sequin.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the API and end-to-end tests: the whole application on a random port, its own state in
 * a fresh database of the test Postgres, called over real HTTP with a bearer token. One Spring
 * context (and one state database) is shared by all subclasses, so tests name their resources
 * uniquely instead of relying on an empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "SEQUIN_API_TOKEN=" + AppIntegrationTest.TOKEN,
        "management.server.port=0",
        "sequin.pipeline.retry-initial-ms=100",
        "sequin.pipeline.retry-max-ms=1000",
        "sequin.pipeline.heartbeat-interval-ms=1000"
})
public abstract class AppIntegrationTest {

    public static final String TOKEN = "test-token-0123456789";
    private static final String STATE_DB = TestPostgres.shared().createDatabase("sequin_state");

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @DynamicPropertySource
    static void ownState(DynamicPropertyRegistry registry) {
        registry.add("pg.url", () -> TestPostgres.shared().url(STATE_DB));
        registry.add("pg.password", () -> TestPostgres.shared().password());
    }

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port, TOKEN);
    }

    protected static TestPostgres postgres() {
        return TestPostgres.shared();
    }
}
