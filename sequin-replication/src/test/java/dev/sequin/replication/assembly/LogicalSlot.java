package dev.sequin.replication.assembly;

import dev.sequin.replication.pgoutput.PgOutputDecoder;
import dev.sequin.replication.types.EncodingOptions;
import dev.sequin.replication.types.JdbcTypeCatalog;
import dev.sequin.testing.TestPostgres;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with its own publication and pgoutput slot, read through the SQL interface
 * ({@code pg_logical_slot_get_binary_changes}, the same bytes the walsender streams) into
 * decoder → assembler, with the session settings the slot reader uses. Dropped on close.
 */
final class LogicalSlot implements AutoCloseable {

    final TestPostgres pg = TestPostgres.shared();
    final String database;
    final String slot;
    final String publication;
    final RecordingListener listener = new RecordingListener();
    final TransactionAssembler assembler;
    private final PgOutputDecoder decoder = new PgOutputDecoder();
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private String timeZone = "UTC";

    /**
     * @param publicationTables e.g. {@code "TABLE t"}, created before the slot so every change is
     *                          decoded against it
     */
    LogicalSlot(String prefix, String publicationTables, String... setup) {
        database = pg.createDatabase(prefix);
        slot = database + "_slot";
        publication = database + "_pub";
        pg.execute(database, setup);
        pg.execute(database, "CREATE PUBLICATION " + publication + " FOR " + publicationTables,
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        dataSource.setURL(pg.jdbcUrl(database));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        assembler = new TransactionAssembler(new JdbcTypeCatalog(dataSource), new JdbcPrimaryKeyCatalog(dataSource),
                EncodingOptions.DEFAULTS, listener);
    }

    /** The session TimeZone for decoding (timestamptz text) and for {@link #query}. */
    LogicalSlot timeZone(String zone) {
        this.timeZone = zone;
        return this;
    }

    /**
     * Runs statements with {@code synchronous_commit = on}: the shared test server runs with it off,
     * and the SQL slot functions only decode WAL that has been flushed.
     */
    void execute(String... sql) {
        String[] statements = new String[sql.length + 1];
        statements[0] = "SET synchronous_commit = on";
        System.arraycopy(sql, 0, statements, 1, sql.length);
        pg.execute(database, statements);
    }

    /** Decodes and assembles everything the slot holds; returns the number of messages. */
    int drain() throws SQLException {
        int count = 0;
        try (Connection c = session();
             PreparedStatement s = c.prepareStatement("SELECT data FROM pg_logical_slot_get_binary_changes(?, NULL, NULL, "
                     + "'proto_version', '1', 'publication_names', ?, 'messages', 'true')")) {
            s.setString(1, slot);
            s.setString(2, publication);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    assembler.accept(decoder.decode(ByteBuffer.wrap(rows.getBytes(1))));
                    count++;
                }
            }
        }
        return count;
    }

    /** The first column of the first row of a query, run with the same session settings. */
    String query(String sql, String... parameters) throws SQLException {
        try (Connection c = session(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** A connection with the slot reader's session settings. */
    private Connection session() throws SQLException {
        Connection c = pg.connect(database);
        try (Statement s = c.createStatement()) {
            s.execute("SET DateStyle = ISO; SET TimeZone = '" + timeZone + "'; SET IntervalStyle = postgres; "
                    + "SET extra_float_digits = 3; SET bytea_output = hex");
        }
        return c;
    }

    @Override
    public void close() {
        pg.execute(database, "SELECT pg_drop_replication_slot('" + slot + "')", "DROP PUBLICATION " + publication);
    }
}
