package dev.sequin.sink;

import dev.sequin.crypto.Secret;
import dev.sequin.crypto.Vault;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A stored HTTP endpoint. Plain headers are kept as given, in order; encrypted headers (as one
 * JSON document) and the signing secret are Vault ciphertext, so every read or write of them goes
 * through the {@link Vault}. Not thread-safe (a JPA entity); the runtime uses
 * {@link HttpEndpointSpec}.
 */
@Entity
@Table(name = "http_endpoints")
public class HttpEndpoint {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String headers = "[]";

    @Column(name = "encrypted_headers")
    private String encryptedHeaders;

    @Column(name = "signing_secret_encrypted")
    private String signingSecretEncrypted;

    @Column(name = "inserted_at", nullable = false)
    private Instant insertedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected HttpEndpoint() {
    }

    public HttpEndpoint(String name, String url) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.url = url;
        this.insertedAt = Instant.now();
        this.updatedAt = insertedAt;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
        touch();
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
        touch();
    }

    /** The plain headers, byte-exact and in the order given. */
    public Map<String, String> getHeaders() {
        return JsonColumns.headers(headers);
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = JsonColumns.headers(headers);
        touch();
    }

    /** The encrypted headers, decrypted, in the order given; empty when none. */
    public Map<String, Secret> encryptedHeaders(Vault vault) {
        Map<String, Secret> out = new LinkedHashMap<>();
        if (encryptedHeaders != null) {
            JsonColumns.headers(vault.decrypt(encryptedHeaders)).forEach((k, v) -> out.put(k, Secret.of(v)));
        }
        return out;
    }

    public void setEncryptedHeaders(Map<String, String> plaintext, Vault vault) {
        this.encryptedHeaders = plaintext.isEmpty() ? null : vault.encrypt(JsonColumns.headers(plaintext));
        touch();
    }

    /** The Standard Webhooks signing secret, or {@code null} when signing is off. */
    public Secret signingSecret(Vault vault) {
        return signingSecretEncrypted == null ? null : Secret.of(vault.decrypt(signingSecretEncrypted));
    }

    /** @param plaintext {@code null} turns signing off */
    public void setSigningSecret(String plaintext, Vault vault) {
        this.signingSecretEncrypted = plaintext == null ? null : vault.encrypt(plaintext);
        touch();
    }

    public Instant getInsertedAt() {
        return insertedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** The runtime view, secrets decrypted. */
    public HttpEndpointSpec toSpec(Vault vault) {
        return new HttpEndpointSpec(id, name, url, getHeaders(), encryptedHeaders(vault), signingSecret(vault));
    }

    private void touch() {
        updatedAt = Instant.now();
    }
}
