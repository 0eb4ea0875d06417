package dev.sequin.app.endpoints;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.app.api.JsonBody;
import dev.sequin.sink.ResourceNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A create or update request for an HTTP endpoint, read and validated field by field. A field
 * that is absent is {@code null} here and left unchanged by an update; {@code signingSecretSet}
 * tells an explicit {@code "signing_secret": null} (turn signing off) from an absent one.
 */
record HttpEndpointRequest(String name, String url, Map<String, String> headers,
                           Map<String, String> encryptedHeaders, boolean signingSecretSet, String signingSecret) {

    private static final Set<String> FIELDS =
            Set.of("name", "url", "headers", "encrypted_headers", "signing_secret", "local", "path", "webhook.site");

    /** RFC 9110 {@code token}: what an HTTP client accepts as a header name. */
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$");

    /** Standard Webhooks secrets: {@code whsec_} and base64 of the key bytes. */
    private static final String SIGNING_PREFIX = "whsec_";

    /** @throws ApiProblem 400 for a non-object body, 422 for the first invalid or unknown field */
    static HttpEndpointRequest read(JsonNode json) {
        JsonBody body = JsonBody.of(json).allowOnly(FIELDS);
        rejectUnsupportedForms(body);
        String name = body.string("name");
        if (body.has("name")) {
            String problem = ResourceNames.problem(name);
            if (problem != null) {
                throw ApiProblem.invalid("name", problem);
            }
        }
        String url = body.string("url");
        if (body.has("url")) {
            validateUrl(url);
        }
        Map<String, String> headers = body.stringMap("headers");
        validateHeaders("headers", headers);
        Map<String, String> encrypted = body.stringMap("encrypted_headers");
        validateHeaders("encrypted_headers", encrypted);
        String signingSecret = body.string("signing_secret");
        if (signingSecret != null) {
            validateSigningSecret(signingSecret);
        }
        return new HttpEndpointRequest(name, url, headers, encrypted, body.has("signing_secret"), signingSecret);
    }

    private static void rejectUnsupportedForms(JsonBody body) {
        if (body.present("local") || body.present("path")) {
            throw ApiProblem.invalid("local", "local (tunnel) endpoints are not supported yet; give a url");
        }
        if (body.present("webhook.site")) {
            throw ApiProblem.invalid("webhook.site", "webhook.site endpoints are not supported; give a url");
        }
    }

    private static void validateUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ApiProblem.invalid("url", "can't be blank");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw ApiProblem.invalid("url", "must be an absolute http:// or https:// URL with a host");
            }
        } catch (URISyntaxException e) {
            throw ApiProblem.invalid("url", "is not a valid URL: " + e.getReason());
        }
    }

    private static void validateHeaders(String field, Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                throw ApiProblem.invalid(field, "header name '" + header.getKey() + "' is not a valid HTTP header name");
            }
            String value = header.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                // CR, LF and NUL would split or truncate the request; other bytes are sent as given.
                if (c == '\r' || c == '\n' || c == '\0') {
                    throw ApiProblem.invalid(field, "the value of header '" + header.getKey()
                            + "' must not contain line breaks or NUL");
                }
            }
        }
    }

    private static void validateSigningSecret(String secret) {
        String message = "must be a Standard Webhooks secret: whsec_ followed by base64 of 24 to 64 random bytes";
        if (!secret.startsWith(SIGNING_PREFIX)) {
            throw ApiProblem.invalid("signing_secret", message);
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(SIGNING_PREFIX.length())).length;
            if (length < 24 || length > 64) {
                throw ApiProblem.invalid("signing_secret", message);
            }
        } catch (IllegalArgumentException notBase64) {
            throw ApiProblem.invalid("signing_secret", message);
        }
    }
}
