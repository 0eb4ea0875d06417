package dev.sequin.app.databases;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.config.ConfigChanged;
import dev.sequin.crypto.Vault;
import dev.sequin.message.TableName;
import dev.sequin.replication.source.SourceCheck;
import dev.sequin.replication.source.SourceConnector;
import dev.sequin.replication.source.SourceProblem;
import dev.sequin.replication.source.SourceProblems;
import dev.sequin.replication.source.SourceTables;
import dev.sequin.source.PostgresDatabase;
import dev.sequin.source.PostgresDatabaseRepository;
import dev.sequin.source.SourceDatabase;
import dev.sequin.source.SourceDatabases;
import dev.sequin.source.SourceTablesRefreshed;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Creates, changes and removes source databases. Each write validates the request whole, checks
 * the source itself with {@link SourceCheck} (outside any transaction: it talks to another
 * server), then writes in one transaction and publishes {@link ConfigChanged} after the commit, so
 * a refused request leaves nothing behind and the pipeline never sees uncommitted config.
 *
 * <p>Public so that configuration apply ({@code sequin.yaml}) can write through the same rules;
 * failures are {@link ApiProblem}s in Sequin's shapes.
 */
@Service
public class DatabaseService {

    private static final Logger log = LoggerFactory.getLogger(DatabaseService.class);

    private final PostgresDatabaseRepository repository;
    private final SourceDatabases sources;
    private final DatabaseStore store;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;

    DatabaseService(PostgresDatabaseRepository repository, SourceDatabases sources, Vault vault, TransactionTemplate tx,
                    ApplicationEventPublisher events, JdbcTemplate jdbc) {
        this.repository = repository;
        this.sources = sources;
        this.store = new DatabaseStore(vault);
        this.tx = tx;
        this.events = events;
        this.jdbc = jdbc;
    }

    public List<PostgresDatabase> list() {
        return repository.findAllByOrderByInsertedAtAscNameAsc();
    }

    /** @throws ApiProblem 404 */
    public PostgresDatabase get(String idOrName) {
        return SourceDatabases.findEntity(repository, idOrName).orElseThrow(() -> ApiProblem.notFound("Database", idOrName));
    }

    /** @throws ApiProblem 4xx when the body is invalid, the name taken or the source unusable */
    public PostgresDatabase create(JsonNode body) {
        DatabaseSettings settings = DatabaseSettings.forCreate(DatabaseInput.parse(body));
        requireNameFree(settings.name(), null);
        UUID id = UUID.randomUUID();
        refuseUnusable(settings, settings.toSource(id, UUID.randomUUID()), false);
        PostgresDatabase saved = write(() -> {
            requireNameFree(settings.name(), null);
            PostgresDatabase db = new PostgresDatabase(id, settings.name());
            store.apply(db, settings);
            return repository.saveAndFlush(db);
        });
        log.info("Created database {} ({}@{}:{}/{}, slot {}, publication {})", saved.getName(), settings.username(),
                settings.hostname(), settings.port(), settings.database(), settings.slotName(), settings.publicationName());
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.DATABASE, saved.getId()));
        return saved;
    }

    /** Partial update (PUT and PATCH alike). @throws ApiProblem 404, 4xx as for create */
    public PostgresDatabase update(String idOrName, JsonNode body) {
        DatabaseInput input = DatabaseInput.parse(body);
        PostgresDatabase current = get(idOrName);
        DatabaseSettings before = store.settingsOf(current);
        DatabaseSettings after = before.merge(input);
        requireNameFree(after.name(), current.getId());
        if (after.sourceDiffers(before) || after.createIfNotExists()) {
            // Our own running pipeline may hold the slot: that is not a conflict.
            refuseUnusable(after, after.toSource(current.getId(), current.getReplicationSlot().getId()), true);
        }
        PostgresDatabase saved = write(() -> {
            PostgresDatabase db = repository.findById(current.getId())
                    .orElseThrow(() -> ApiProblem.notFound("Database", idOrName));
            requireNameFree(after.name(), db.getId());
            store.apply(db, after);
            return repository.saveAndFlush(db);
        });
        log.info("Updated database {}", saved.getName());
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.DATABASE, saved.getId()));
        return saved;
    }

    /** @throws ApiProblem 404, or 422 while sinks still use the database */
    public UUID delete(String idOrName) {
        PostgresDatabase current = get(idOrName);
        UUID id = current.getId();
        tx.executeWithoutResult(status -> {
            List<String> sinks = sinksUsing(id);
            if (!sinks.isEmpty()) {
                throw ApiProblem.unprocessableWith("Cannot delete database " + current.getName()
                        + ": sinks still use it (" + String.join(", ", sinks) + "). Delete those sinks first.",
                        Map.of("validation_errors", Map.of("sinks", sinks)));
            }
            repository.findById(id).ifPresent(repository::delete);
        });
        log.info("Deleted database {}", current.getName());
        events.publishEvent(new ConfigChanged(ConfigChanged.Kind.DATABASE, id));
        return id;
    }

    /** The problems of the stored database; empty when it is usable. @throws ApiProblem 404 */
    public List<SourceProblem> testConnection(String idOrName) {
        SourceDatabase source = sources.toSource(get(idOrName));
        return SourceCheck.run(source, new SourceCheck.Options(false, false, Set.of(), true));
    }

    /**
     * Re-reads the source's tables and announces them with {@link SourceTablesRefreshed}.
     *
     * @throws ApiProblem 404, or 422 {@code {"success": false, "reason"}} when the source cannot be read
     */
    public List<TableName> refreshTables(String idOrName) {
        SourceDatabase source = sources.toSource(get(idOrName));
        List<TableName> tables;
        try (Connection connection = SourceConnector.connect(source)) {
            tables = SourceTables.userTables(connection);
        } catch (SQLException e) {
            throw failure(SourceProblems.fromConnectFailure(e, source));
        }
        events.publishEvent(new SourceTablesRefreshed(source.id(), tables));
        return tables;
    }

    /** 422 {@code {"success": false, "reason": "…", "code": "…"}}, the shape of the action endpoints. */
    static ApiProblem failure(SourceProblem problem) {
        return ApiProblem.unprocessableWith(problem.message(),
                Map.of("success", false, "reason", problem.message(), "code", problem.code()));
    }

    private void refuseUnusable(DatabaseSettings settings, SourceDatabase source, boolean ours) {
        List<SourceProblem> problems = SourceCheck.run(source,
                new SourceCheck.Options(settings.createIfNotExists(), settings.createIfNotExists(), Set.of(), ours));
        if (!problems.isEmpty()) {
            throw SourceProblemResponse.of(settings.name(), problems);
        }
    }

    private void requireNameFree(String name, UUID self) {
        repository.findByName(name).filter(other -> !other.getId().equals(self)).ifPresent(other -> {
            throw ApiProblem.invalid("name", "has already been taken");
        });
    }

    private PostgresDatabase write(Supplier<PostgresDatabase> change) {
        try {
            return tx.execute(status -> change.get());
        } catch (DataIntegrityViolationException e) {
            // A concurrent request took the name between our check and our insert.
            throw ApiProblem.invalid("name", "has already been taken");
        }
    }

    /** Names of sinks on this database; the sinks table may not exist yet in this schema version. */
    private List<String> sinksUsing(UUID databaseId) {
        Boolean hasSinks = jdbc.queryForObject("SELECT to_regclass('sinks') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(hasSinks)) {
            return List.of();
        }
        return jdbc.queryForList("SELECT name FROM sinks WHERE postgres_database_id = ? ORDER BY name", String.class,
                databaseId);
    }
}
