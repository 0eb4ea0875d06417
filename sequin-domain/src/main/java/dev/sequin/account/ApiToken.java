package dev.sequin.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * An API token for {@code Authorization: Bearer <token>}. Only the SHA-256 of the token is
 * stored: a leaked database does not leak usable tokens.
 */
@Entity
@Table(name = "api_tokens")
public class ApiToken {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "inserted_at", nullable = false)
    private Instant insertedAt;

    protected ApiToken() {
    }

    public ApiToken(String name, String token) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.tokenHash = hash(token);
        this.insertedAt = Instant.now();
    }

    /** Lower-case hex SHA-256 of the token's UTF-8 bytes. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getInsertedAt() {
        return insertedAt;
    }
}
