package dev.sequin.delivery.push;

import dev.sequin.crypto.Secret;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how one webhook sink posts: the endpoint URL joined with the sink's path, the merged
 * headers (endpoint {@code headers}, then {@code encrypted_headers}; later wins), the request
 * timeout ({@code ack_wait_ms}), whether messages are batched, and the optional Standard Webhooks
 * signing secret.
 *
 * @param headers header names and values exactly as configured: sent byte-exact
 */
public record WebhookTarget(URI uri, Map<String, String> headers, int timeoutMs, boolean batch, Secret signingSecret) {

    public WebhookTarget {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
    }

    /**
     * Builds a target from an endpoint and a sink path, joining them without doubling {@code /}
     * (contract §2). Encrypted headers override plain ones of the same name, case-insensitively.
     */
    public static WebhookTarget of(String endpointUrl, String path, Map<String, String> headers,
                                   Map<String, String> encryptedHeaders, int timeoutMs, boolean batch, Secret signingSecret) {
        Map<String, String> merged = new LinkedHashMap<>();
        putAll(merged, headers);
        putAll(merged, encryptedHeaders);
        return new WebhookTarget(URI.create(join(endpointUrl, path)), merged, timeoutMs, batch, signingSecret);
    }

    private static void putAll(Map<String, String> merged, Map<String, String> more) {
        if (more == null) {
            return;
        }
        more.forEach((name, value) -> {
            merged.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            merged.put(name, value);
        });
    }

    static String join(String base, String path) {
        if (path == null || path.isEmpty()) {
            return base;
        }
        if (path.startsWith("?") || path.startsWith("#")) {
            return base + path;
        }
        boolean baseSlash = base.endsWith("/");
        boolean pathSlash = path.startsWith("/");
        if (baseSlash && pathSlash) {
            return base + path.substring(1);
        }
        return baseSlash || pathSlash ? base + path : base + "/" + path;
    }

    /** Whether the body is to be gzipped: the merged headers ask for {@code content-encoding: gzip}. */
    boolean gzip() {
        return headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("content-encoding")
                && e.getValue().trim().equalsIgnoreCase("gzip"));
    }
}
