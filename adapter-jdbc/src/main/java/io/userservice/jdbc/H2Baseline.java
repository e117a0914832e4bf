package io.userservice.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole H2 schema in one script, written at build time by {@link H2BaselineWriter} from what
 * Liquibase made of the shipped changelog: the tables, their indexes and constraints, the rows
 * the changesets insert and Liquibase's own record of every changeset (same ids, files and
 * checksums), so later changelogs upgrade such a database as if Liquibase had created it. Creating
 * the schema this way takes a fraction of a second, where loading Liquibase and running every
 * changeset takes seconds.
 *
 * <p>It is used only on an H2 database that holds no table at all, in the schema and with the
 * settings and H2 version it was made with, and only when the changelog has the fingerprint it
 * was made from; in every other case {@link #applyToEmpty} returns false and Liquibase runs.
 *
 * <p>Instances starting together on one empty database: the script runs while its runner holds
 * Liquibase's lock, which it takes by creating Liquibase's lock table with the lock row. Whoever
 * creates that table or its row first wins; a loser takes the Liquibase path, which waits for the
 * lock and then finds every changeset applied. H2 commits each table it creates, so a script that
 * fails half-way is undone by dropping what it created before the lock is released, and Liquibase
 * then creates the schema.
 */
final class H2Baseline {

    static final String SHIPPED = "io/userservice/jdbc/baseline/h2";
    static final String FINGERPRINT = "fingerprint";
    static final String H2_VERSION = "h2.version";
    static final String SCHEMA = "schema";
    static final String SETTING = "setting.";
    static final String LOCK_TABLE = "DATABASECHANGELOGLOCK";

    private static final Logger LOG = LoggerFactory.getLogger(H2Baseline.class);
    private static final String LOCKED_BY = "user-service H2 baseline";

    private final String location;

    private H2Baseline(String location) {
        this.location = location;
    }

    /** The baseline this build made of the shipped changelog. */
    static H2Baseline shipped() {
        return at(SHIPPED);
    }

    /**
     * The baseline whose files start with this classpath location: {@code .properties} (what it
     * was made from), {@code -lock.sql} (Liquibase's lock table) and {@code -schema.sql}.
     */
    static H2Baseline at(String location) {
        return new H2Baseline(location);
    }

    /**
     * Creates the schema made by the changelog with this fingerprint, when the database is H2 as
     * the baseline expects and holds no table.
     *
     * @return true when the baseline made the schema; false when nothing was changed or what was
     *         changed has been undone, and Liquibase is to run
     * @throws SQLException when a failed baseline could not be undone
     */
    boolean applyToEmpty(DataSource dataSource, String fingerprint) throws SQLException {
        Optional<Properties> madeFrom = madeFrom();
        if (madeFrom.isEmpty() || !fingerprint.equals(madeFrom.get().getProperty(FINGERPRINT))) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!fits(connection, madeFrom.get()) || !tables(connection).isEmpty() || !lock(connection)) {
                return false;
            }
            try {
                return createSchema(connection, fingerprint);
            } finally {
                unlock(connection);
            }
        }
    }

    private boolean createSchema(Connection connection, String fingerprint) throws SQLException {
        if (!List.of(LOCK_TABLE).equals(tables(connection))) {
            return false; // another start created a table before the lock was ours
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM 'classpath:/" + location + "-schema.sql'");
            connection.commit();
            LOG.info("empty H2 database: schema created from the baseline of changelog {}", fingerprint);
            return true;
        } catch (SQLException e) {
            LOG.warn("creating the schema from the H2 baseline failed, Liquibase creates it instead: {}",
                    e.getMessage());
            connection.rollback();
            dropAllButTheLock(connection);
            return false;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private Optional<Properties> madeFrom() {
        try (InputStream in = H2Baseline.class.getClassLoader().getResourceAsStream(location + ".properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the H2 baseline " + location, e);
        }
    }

    /** True when the database is H2 of the same version, schema and settings the baseline was made on. */
    private static boolean fits(Connection connection, Properties madeFrom) throws SQLException {
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return false;
        }
        Properties here;
        try {
            here = describe(connection);
        } catch (SQLException olderH2) {
            return false;
        }
        for (String key : madeFrom.stringPropertyNames()) {
            if (!key.equals(FINGERPRINT) && !madeFrom.getProperty(key).equals(here.getProperty(key))) {
                LOG.debug("H2 baseline not used: {} is {} here, {} in the baseline", key, here.getProperty(key),
                        madeFrom.getProperty(key));
                return false;
            }
        }
        return true;
    }

    /** The H2 version, current schema and the settings that change what a changeset creates. */
    static Properties describe(Connection connection) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty(H2_VERSION, connection.getMetaData().getDatabaseProductVersion());
        properties.setProperty(SCHEMA, connection.getSchema());
        Map<String, String> settings = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME IN ('MODE', 'DATABASE_TO_UPPER', 'DATABASE_TO_LOWER',"
                     + " 'CASE_INSENSITIVE_IDENTIFIERS', 'DEFAULT_NULL_ORDERING', 'VARIABLE_BINARY',"
                     + " 'DEFAULT_TABLE_ENGINE', 'TRUNCATE_LARGE_LENGTH')")) {
            while (rows.next()) {
                settings.put(rows.getString(1), String.valueOf(rows.getString(2)));
            }
        }
        settings.forEach((name, value) -> properties.setProperty(SETTING + name, value));
        return properties;
    }

    /** Every table and view in every schema but H2's own, by name. */
    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY TABLE_NAME")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /**
     * Takes Liquibase's lock by creating its lock table and the locked row; false when another
     * start created either first (that start migrates, this one waits for it in Liquibase).
     */
    private boolean lock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM 'classpath:/" + location + "-lock.sql'");
        } catch (SQLException tableExistsOrNoRight) {
            LOG.debug("H2 baseline not used: {}", tableExistsOrNoRight.getMessage());
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + LOCK_TABLE
                + " (ID, LOCKED, LOCKGRANTED, LOCKEDBY) VALUES (1, TRUE, CURRENT_TIMESTAMP, ?)")) {
            insert.setString(1, LOCKED_BY);
            insert.executeUpdate();
            return true;
        } catch (SQLException rowAlreadyThere) {
            LOG.debug("H2 baseline not used: {}", rowAlreadyThere.getMessage());
            return false;
        }
    }

    /** Leaves the lock row as Liquibase leaves it when it releases the lock. */
    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + LOCK_TABLE
                + " SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE ID = 1 AND LOCKEDBY = ?")) {
            update.setString(1, LOCKED_BY);
            update.executeUpdate();
        }
    }

    /** The database held no table before the lock was taken, so every other one is the script's. */
    private static void dropAllButTheLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' AND TABLE_NAME <> '" + LOCK_TABLE + "'")) {
            List<String> drops = new ArrayList<>();
            while (rows.next()) {
                drops.add("DROP TABLE IF EXISTS \"" + rows.getString(1) + "\".\"" + rows.getString(2) + "\" CASCADE");
            }
            for (String drop : drops) {
                statement.execute(drop);
            }
        }
    }
}
