package dev.sequin.app.databases;

import dev.sequin.crypto.SecretMask;
import dev.sequin.source.PostgresDatabase;
import dev.sequin.source.ReplicationSlot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database in the API's response shape (contract §4): passwords masked (§4.1) unless the caller
 * asked for {@code show_sensitive}.
 */
final class DatabaseJson {

    private DatabaseJson() {
    }

    static Map<String, Object> render(PostgresDatabase db, DatabaseStore store, boolean showSensitive) {
        DatabaseSettings s = store.settingsOf(db);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", db.getId().toString());
        json.put("name", s.name());
        json.put("hostname", s.hostname());
        json.put("port", s.port());
        json.put("database", s.database());
        json.put("username", s.username());
        json.put("password", showSensitive ? s.password() : SecretMask.mask(s.password()));
        json.put("ssl", s.ssl());
        json.put("ipv6", s.ipv6());
        json.put("use_local_tunnel", false);
        json.put("pool_size", s.poolSize());
        json.put("queue_interval", db.getQueueInterval());
        json.put("queue_target", db.getQueueTarget());
        json.put("annotations", DatabaseStore.annotations(db));
        ReplicationSlot slot = db.getReplicationSlot();
        Map<String, Object> slotJson = new LinkedHashMap<>();
        slotJson.put("id", slot.getId().toString());
        slotJson.put("slot_name", slot.getSlotName());
        slotJson.put("publication_name", slot.getPublicationName());
        slotJson.put("status", slot.getStatus());
        json.put("replication_slots", List.of(slotJson));
        DatabaseInput.Primary primary = s.primary();
        if (primary != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("hostname", primary.hostname());
            p.put("port", primary.port());
            p.put("database", primary.database());
            p.put("username", primary.username());
            p.put("password", showSensitive ? primary.password() : SecretMask.mask(primary.password()));
            p.put("ssl", primary.ssl());
            p.put("ipv6", primary.ipv6());
            json.put("primary", p);
        }
        return json;
    }
}
