/**
 * Secrets at rest and in memory: AES-GCM encryption under {@code VAULT_KEY}, the masked
 * {@link dev.sequin.crypto.Secret} type, and Sequin's masking rule for API responses.
 */
package dev.sequin.crypto;
