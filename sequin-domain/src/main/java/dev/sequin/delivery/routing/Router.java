package dev.sequin.delivery.routing;

import dev.sequin.delivery.ChangeIntake;
import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.TableName;
import dev.sequin.sink.GroupId;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.SinkStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes a slot's changes to its sinks: a change goes to every sink that is not disabled, selects
 * its table and delivers its action, into that sink's queue under its message group
 * ({@code schema.table} plus the group id, contract §6.3).
 *
 * <p>All-or-nothing per change: when any target queue is full, nothing is queued and
 * {@link #offer} says no, so the slot reader waits (back-pressure) and offers it again.
 *
 * <p>Thread-safety: {@link #offer} and {@link #lowestUnpersisted} run on the slot reader's
 * thread; {@link #setRoutes} may run on any thread and takes effect at the next change.
 */
public final class Router implements ChangeIntake {

    private final DeadLetterStore deadLetters;
    private volatile List<Route> routes = List.of();
    private final Map<TableName, List<Route>> byTable = new ConcurrentHashMap<>();

    public Router(DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Replaces the sinks of this slot. */
    public void setRoutes(List<Route> newRoutes) {
        routes = List.copyOf(newRoutes);
        byTable.clear();
    }

    public List<Route> routes() {
        return routes;
    }

    @Override
    public boolean offer(ChangeMessage change) {
        List<Route> targets = byTable.computeIfAbsent(change.table(), this::routesFor);
        for (Route route : targets) {
            if (route.sink().delivers(change.action()) && !route.backlog().hasRoom()) {
                return false;
            }
        }
        for (Route route : targets) {
            SinkSpec sink = route.sink();
            if (sink.delivers(change.action())) {
                route.backlog().add(change, groupKey(sink, change));
            }
        }
        return true;
    }

    @Override
    public void setAside(ChangeMessage change, String reason) {
        for (Route route : byTable.computeIfAbsent(change.table(), this::routesFor)) {
            if (route.sink().delivers(change.action())) {
                deadLetters.store(route.sink().id(), List.of(new DeadLetterStore.DeadLetter(change, 0, reason)));
            }
        }
    }

    private List<Route> routesFor(TableName table) {
        List<Route> matching = new ArrayList<>();
        for (Route route : routes) {
            if (route.sink().status() != SinkStatus.DISABLED && route.sink().selects(table)) {
                matching.add(route);
            }
        }
        return List.copyOf(matching);
    }

    /** The queue's group key: table and group id, or {@code null} for a message in no group. */
    public static String groupKey(SinkSpec sink, ChangeMessage change) {
        String groupId = GroupId.of(sink, change);
        if (groupId.isEmpty()) {
            return null;
        }
        // A separator that cannot appear in a table name and that Postgres text accepts (NUL it does not).
        return change.table() + "\u001F" + groupId;
    }

    @Override
    public Optional<Lsn> lowestUnpersisted() {
        Lsn lowest = null;
        for (Route route : routes) {
            Optional<Lsn> pending = route.backlog().lowestUnpersisted();
            if (pending.isPresent() && (lowest == null || pending.get().isBefore(lowest))) {
                lowest = pending.get();
            }
        }
        return Optional.ofNullable(lowest);
    }
}
