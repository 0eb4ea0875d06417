package dev.sequin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Assertions on API answers shared by the API tests: Sequin's error shape and list bodies. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /**
     * Asserts an error answer in Sequin's shape: the status, a {@code summary}, and — when
     * {@code field} is given — a 422 {@code "Validation failed"} naming that field.
     */
    public static ApiClient.Response expectProblem(ApiClient.Response response, int status, String field) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.get("summary")).as(response.text()).isNotNull();
        if (field != null) {
            assertThat(response.get("summary").asString()).isEqualTo("Validation failed");
            assertThat(response.get("validation_errors").has(field)).as(response.text()).isTrue();
        }
        return response;
    }

    /** The {@code name} of every item of a 200 {@code {"data": [...]}} answer. */
    public static List<String> names(ApiClient.Response list) {
        assertThat(list.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        list.get("data").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }
}
