package dev.sequin.replication.source;

import dev.sequin.message.TableName;
import dev.sequin.source.SourceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a source database can be replicated from, and says precisely why not (DESIGN I6):
 * reachability and credentials, Postgres ≥ 12, {@code wal_level=logical}, the {@code REPLICATION}
 * privilege, a pgoutput slot of this database that nobody else holds, the publication, and that
 * the publication covers the given tables. Optionally creates a missing publication and slot —
 * publication first, because a slot only decodes publications that existed when it was created.
 *
 * <p>Stateless; each call opens and closes one plain connection. Creation is never attempted when
 * the server itself is unusable, so a failed check leaves nothing behind that the user did not
 * already have, apart from a publication or slot created as asked.
 */
public final class SourceCheck {

    private static final Logger log = LoggerFactory.getLogger(SourceCheck.class);

    /**
     * What to check and prepare.
     *
     * @param createPublicationIfMissing create the publication with Sequin's default definition
     * @param createSlotIfMissing        create a pgoutput slot
     * @param tables                     tables the publication must cover; may be empty
     * @param acceptSlotHeldBySequin     an active slot held by a connection named {@code sequin}
     *                                   is ours (a running pipeline), not a conflict
     */
    public record Options(boolean createPublicationIfMissing, boolean createSlotIfMissing, Set<TableName> tables,
                          boolean acceptSlotHeldBySequin) {

        public Options {
            tables = tables == null ? Set.of() : Set.copyOf(tables);
        }

        /** Check only: create nothing, no tables, any active holder is a conflict. */
        public static Options checkOnly() {
            return new Options(false, false, Set.of(), false);
        }
    }

    private SourceCheck() {
    }

    /** The problems found; empty means the source is usable. Never throws for a bad source. */
    public static List<SourceProblem> run(SourceDatabase db, Options options) {
        try (Connection connection = SourceConnector.connect(db)) {
            try {
                return run(connection, db, options);
            } catch (SQLException e) {
                return List.of(SourceProblems.connectionFailed(db, e));
            }
        } catch (SQLException e) {
            return List.of(SourceProblems.fromConnectFailure(e, db));
        }
    }

    /** Connects only, then closes: the cheapest "are these settings right" check. */
    public static Optional<SourceProblem> connectOnly(SourceDatabase db) {
        try (Connection connection = SourceConnector.connect(db); Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(SourceProblems.fromConnectFailure(e, db));
        }
    }

    static List<SourceProblem> run(Connection connection, SourceDatabase db, Options options) throws SQLException {
        List<SourceProblem> problems = new ArrayList<>();
        int versionNum = Integer.parseInt(show(connection, "server_version_num"));
        SourceProblems.version(versionNum, show(connection, "server_version")).ifPresent(problems::add);
        SourceProblems.walLevel(show(connection, "wal_level")).ifPresent(problems::add);
        if (!canReplicate(connection)) {
            problems.add(SourceProblems.replicationPrivilegeMissing(db.username()));
        }
        boolean serverUsable = problems.isEmpty();

        boolean publicationExists = publicationExists(connection, db.publicationName());
        if (!publicationExists && options.createPublicationIfMissing() && serverUsable) {
            String sql = SourceProblems.createPublicationSql(db.publicationName(), versionNum);
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
                publicationExists = true;
                log.info("Created publication {} on source {}", db.publicationName(), db.name());
            } catch (SQLException e) {
                problems.add(SourceProblems.publicationCreateFailed(db.publicationName(), versionNum, e));
            }
        } else if (!publicationExists) {
            problems.add(SourceProblems.publicationMissing(db.publicationName(), versionNum));
        }

        Optional<SlotRow> slot = slot(connection, db.slotName());
        if (slot.isEmpty() && options.createSlotIfMissing() && serverUsable && publicationExists) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                ps.setString(1, db.slotName());
                ps.execute();
                log.info("Created replication slot {} on source {}", db.slotName(), db.name());
            } catch (SQLException e) {
                problems.add(SourceProblems.slotCreateFailed(db.slotName(), e));
            }
        } else if (slot.isEmpty()) {
            problems.add(SourceProblems.slotMissing(db.slotName()));
        } else {
            slotProblem(slot.get(), db, connection.getCatalog(), options).ifPresent(problems::add);
        }

        if (publicationExists && !options.tables().isEmpty()) {
            Set<TableName> published = SourceTables.publishedTables(connection, db.publicationName());
            for (TableName table : options.tables()) {
                if (!SourceTables.tableExists(connection, table)) {
                    problems.add(SourceProblems.tableMissing(table));
                } else if (!published.contains(table)) {
                    problems.add(SourceProblems.tableNotPublished(db.publicationName(), table));
                }
            }
        }
        return problems;
    }

    /** The row of {@code pg_replication_slots} we judge a slot by. */
    record SlotRow(String slotType, String plugin, String database, Integer activePid, String holderApplicationName) {
    }

    static Optional<SourceProblem> slotProblem(SlotRow slot, SourceDatabase db, String currentDatabase, Options options) {
        if (!"logical".equals(slot.slotType()) || !"pgoutput".equals(slot.plugin())) {
            return Optional.of(SourceProblems.slotWrongPlugin(db.slotName(), slot.slotType(), slot.plugin()));
        }
        if (!currentDatabase.equals(slot.database())) {
            return Optional.of(SourceProblems.slotWrongDatabase(db.slotName(), slot.database(), currentDatabase));
        }
        if (slot.activePid() != null) {
            boolean ours = options.acceptSlotHeldBySequin() && "sequin".equals(slot.holderApplicationName());
            if (!ours) {
                return Optional.of(SourceProblems.slotInUse(db.slotName(), slot.activePid(), slot.holderApplicationName()));
            }
        }
        return Optional.empty();
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, setting);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** REPLICATION, superuser, or (Amazon RDS) membership of {@code rds_replication}. */
    private static boolean canReplicate(Connection connection) throws SQLException {
        String sql = """
                SELECT r.rolreplication OR r.rolsuper OR EXISTS (
                    SELECT 1 FROM pg_roles g
                    WHERE g.rolname = 'rds_replication' AND pg_has_role(current_user, g.oid, 'member'))
                FROM pg_roles r WHERE r.rolname = current_user""";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static boolean publicationExists(Connection connection, String publication) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<SlotRow> slot(Connection connection, String slotName) throws SQLException {
        String sql = """
                SELECT s.slot_type, s.plugin, s.database, s.active_pid, a.application_name
                FROM pg_replication_slots s LEFT JOIN pg_stat_activity a ON a.pid = s.active_pid
                WHERE s.slot_name = ?""";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, slotName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int pid = rs.getInt(4);
                Integer activePid = rs.wasNull() ? null : pid;
                return Optional.of(new SlotRow(rs.getString(1), rs.getString(2), rs.getString(3), activePid, rs.getString(5)));
            }
        }
    }
}
