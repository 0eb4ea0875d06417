package dev.sequin.app.databases;

import dev.sequin.crypto.Vault;
import dev.sequin.source.PostgresDatabase;
import dev.sequin.source.ReplicationSlot;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves settings between {@link DatabaseSettings} and the stored entity: passwords through the
 * Vault, the primary as a JSON object without its password.
 */
final class DatabaseStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Vault vault;

    DatabaseStore(Vault vault) {
        this.vault = vault;
    }

    DatabaseSettings settingsOf(PostgresDatabase db) {
        ReplicationSlot slot = db.getReplicationSlot();
        String password = vault.decrypt(db.getPasswordEncrypted());
        return new DatabaseSettings(db.getName(), db.getHostname(), db.getPort(), db.getDatabase(), db.getUsername(),
                password == null ? "" : password, db.isSsl(), db.isIpv6(), db.getPoolSize(), db.getAnnotations(),
                primaryOf(db), slot.getSlotName(), slot.getPublicationName(), false);
    }

    void apply(PostgresDatabase db, DatabaseSettings s) {
        db.setName(s.name());
        db.setHostname(s.hostname());
        db.setPort(s.port());
        db.setDatabase(s.database());
        db.setUsername(s.username());
        db.setPasswordEncrypted(vault.encrypt(s.password()));
        db.setSsl(s.ssl());
        db.setIpv6(s.ipv6());
        db.setPoolSize(s.poolSize());
        db.setAnnotations(s.annotationsJson());
        DatabaseInput.Primary primary = s.primary();
        if (primary == null) {
            db.setPrimaryConfig(null);
            db.setPrimaryPasswordEncrypted(null);
        } else {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("hostname", primary.hostname());
            config.put("port", primary.port() == null ? 5432 : primary.port());
            config.put("database", primary.database());
            config.put("username", primary.username() == null ? "postgres" : primary.username());
            config.put("ssl", primary.ssl());
            config.put("ipv6", primary.ipv6());
            db.setPrimaryConfig(JSON.writeValueAsString(config));
            db.setPrimaryPasswordEncrypted(vault.encrypt(primary.password()));
        }
        if (db.getReplicationSlot() == null) {
            db.attachSlot(s.slotName(), s.publicationName());
        } else {
            db.getReplicationSlot().setSlotName(s.slotName());
            db.getReplicationSlot().setPublicationName(s.publicationName());
        }
    }

    /** The stored primary with its password decrypted, or {@code null}. */
    DatabaseInput.Primary primaryOf(PostgresDatabase db) {
        if (db.getPrimaryConfig() == null) {
            return null;
        }
        JsonNode config = JSON.readTree(db.getPrimaryConfig());
        return new DatabaseInput.Primary(config.path("hostname").asString(), config.path("port").asInt(5432),
                config.path("database").asString(), config.path("username").asString(),
                vault.decrypt(db.getPrimaryPasswordEncrypted()), config.path("ssl").asBoolean(),
                config.path("ipv6").asBoolean());
    }

    static JsonNode annotations(PostgresDatabase db) {
        return JSON.readTree(db.getAnnotations() == null ? "{}" : db.getAnnotations());
    }
}
