package dev.sequin.sink;

import dev.sequin.crypto.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An HTTP endpoint as the webhook delivery sees it, secrets decrypted but wrapped so they never
 * print. Header names and values are byte-exact as the user gave them, in their order; merge them
 * as contract §2 says: {@code headers}, then {@code encryptedHeaders}, later wins.
 *
 * @param url           an absolute http or https URL; the sink's path is appended to it
 * @param signingSecret the Standard Webhooks secret ({@code whsec_<base64>}) when signing is
 *                      enabled, else {@code null}: then no signature headers are sent
 */
public record HttpEndpointSpec(UUID id, String name, String url, Map<String, String> headers,
                               Map<String, Secret> encryptedHeaders, Secret signingSecret) {

    public HttpEndpointSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        // Unmodifiable views of ordered copies: Map.copyOf would lose the header order.
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        encryptedHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(encryptedHeaders));
    }
}
