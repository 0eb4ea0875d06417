package dev.sequin.crypto;

/** Masks secrets on read exactly as Sequin does (contract §4.1). */
public final class SecretMask {

    private SecretMask() {
    }

    /**
     * Length ≤ 5: all {@code *}; 6–9: first char, {@code *}s, last char; longer: first 3 chars,
     * {@code min(len-4, 20)} {@code *}s, last char. {@code null} stays {@code null}.
     */
    public static String mask(String secret) {
        if (secret == null) {
            return null;
        }
        int len = secret.length();
        if (len <= 5) {
            return "*".repeat(len);
        }
        if (len <= 9) {
            return secret.charAt(0) + "*".repeat(len - 2) + secret.charAt(len - 1);
        }
        return secret.substring(0, 3) + "*".repeat(Math.min(len - 4, 20)) + secret.charAt(len - 1);
    }
}
