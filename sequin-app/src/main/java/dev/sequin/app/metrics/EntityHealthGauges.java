package dev.sequin.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sequin_entity_health}: per entity, one series per status, 1 for the current status and 0
 * for the others (contract §7), so a query for {@code status="error"} == 1 finds what is broken.
 * Series appear with their entity and leave with it.
 *
 * <p>Thread-safety: updated by the poller's thread; scrapes read a volatile field.
 */
final class EntityHealthGauges {

    /** One sink, database or replication slot, as tagged. */
    record Entity(String type, String id, String name) {
    }

    private static final class Current {
        volatile EntityHealth.Status status;
        final List<Meter> meters = new ArrayList<>();
    }

    private final MeterRegistry registry;
    private final Map<Entity, Current> entities = new HashMap<>();

    EntityHealthGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void set(Entity entity, EntityHealth.Status status) {
        Current current = entities.computeIfAbsent(entity, this::register);
        current.status = status;
    }

    private Current register(Entity entity) {
        Current current = new Current();
        for (EntityHealth.Status status : EntityHealth.Status.values()) {
            current.meters.add(Gauge.builder("sequin_entity_health", current, c -> c.status == status ? 1 : 0)
                    .description("1 for the entity's current health status, 0 for the others")
                    .tags(Tags.of("entity_type", entity.type(), "entity_id", entity.id(), "entity_name", entity.name(),
                            "status", status.tag))
                    .strongReference(true).register(registry));
        }
        return current;
    }

    /** Removes the series of every entity not in {@code present} (deleted or renamed). */
    synchronized void retain(Set<Entity> present) {
        entities.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) {
                return false;
            }
            e.getValue().meters.forEach(registry::remove);
            return true;
        });
    }
}
