package dev.sequin.delivery.push;

import dev.sequin.crypto.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opt-in Standard Webhooks signatures (contract §8 R5): {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature = v1,<base64 HMAC-SHA256>} over
 * {@code id.timestamp.body}, computed over the exact bytes sent.
 *
 * <p>The secret is {@code whsec_<base64 key>} as the spec prints it; a secret without the prefix
 * is used as raw UTF-8 key bytes.
 */
final class StandardWebhooksSigner {

    private final byte[] key;

    StandardWebhooksSigner(Secret secret) {
        String text = secret.reveal();
        this.key = text.startsWith("whsec_") ? Base64.getDecoder().decode(text.substring(6))
                : text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code v1,<signature>} for one request. */
    String sign(String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
