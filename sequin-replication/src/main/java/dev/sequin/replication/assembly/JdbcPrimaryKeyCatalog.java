package dev.sequin.replication.assembly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads primary keys from the source database's {@code pg_index}. Not cached: it is asked only
 * when a Relation message arrives for a table whose replica identity is not DEFAULT, and a new
 * Relation message is exactly when the key may have changed.
 */
public final class JdbcPrimaryKeyCatalog implements PrimaryKeyCatalog {

    private static final String QUERY = """
            SELECT a.attname
              FROM pg_index i
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
             WHERE i.indrelid = ?::bigint::oid AND i.indisprimary
             ORDER BY a.attnum
            """;

    private final DataSource dataSource;

    public JdbcPrimaryKeyCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @throws IllegalStateException if the catalog cannot be read; the stream should restart */
    @Override
    public List<String> primaryKeyColumns(int relationId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setLong(1, Integer.toUnsignedLong(relationId));
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
            return List.copyOf(columns);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the primary key of relation OID "
                    + Integer.toUnsignedString(relationId) + ": " + e.getMessage(), e);
        }
    }
}
