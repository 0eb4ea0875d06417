package dev.sequin.app.endpoints;

import dev.sequin.crypto.Secret;
import dev.sequin.crypto.SecretMask;
import dev.sequin.crypto.Vault;
import dev.sequin.sink.HttpEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response form of an endpoint (contract §4): {@code {id, name, url, headers,
 * encrypted_headers, signing_secret}}, encrypted header values and the signing secret masked
 * (§4.1), the secret {@code null} when signing is off.
 */
final class HttpEndpointJson {

    private HttpEndpointJson() {
    }

    static Map<String, Object> render(HttpEndpoint endpoint, Vault vault) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", endpoint.getId().toString());
        json.put("name", endpoint.getName());
        json.put("url", endpoint.getUrl());
        json.put("headers", endpoint.getHeaders());
        Map<String, String> masked = new LinkedHashMap<>();
        endpoint.encryptedHeaders(vault).forEach((key, value) -> masked.put(key, SecretMask.mask(value.reveal())));
        json.put("encrypted_headers", masked);
        Secret signing = endpoint.signingSecret(vault);
        json.put("signing_secret", signing == null ? null : SecretMask.mask(signing.reveal()));
        return json;
    }
}
