package io.userservice.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes the {@link H2Baseline} into the build's classes (run by the build at process-classes,
 * see this module's POM): migrates a new in-memory H2 database with the shipped changelog through
 * Liquibase, exactly as a start would, and keeps H2's {@code SCRIPT} of the result, so the
 * baseline is never edited by hand and cannot drift from the changelog. Public only so that the
 * build can start it; not part of the adapter's interface.
 */
public final class H2BaselineWriter {

    private static final String DRIVER = "org.h2.Driver";
    private static final String LOCK_TABLE = "\"PUBLIC\".\"" + H2Baseline.LOCK_TABLE + "\"";
    // SCRIPT names the table type of the database it ran on; the baseline leaves it to the
    // database it runs on (cached tables in a file, memory tables in memory), as Liquibase does
    private static final Pattern TABLE_TYPE = Pattern.compile("^CREATE (MEMORY|CACHED) TABLE ");
    private static final List<String> KEPT = List.of("CREATE TABLE ", "ALTER TABLE ", "CREATE INDEX ",
            "CREATE UNIQUE INDEX ", "INSERT INTO ");

    private H2BaselineWriter() {
    }

    /** Writes the baseline under the class-path directory given as the only argument. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: H2BaselineWriter CLASSES_DIRECTORY");
        }
        write(Migrations.CHANGELOG, Path.of(args[0]).resolve(H2Baseline.SHIPPED));
    }

    /** Writes the baseline of this changelog to the files starting with {@code base}. */
    static void write(String changelog, Path base) throws Exception {
        Driver driver = (Driver) Class.forName(DRIVER).getDeclaredConstructor().newInstance();
        Properties user = new Properties();
        user.setProperty("user", "sa");
        user.setProperty("password", "");
        try (Connection connection = driver.connect("jdbc:h2:mem:baseline-" + UUID.randomUUID(), user)) {
            LiquibaseUpdate.run(connection, changelog);
            Properties madeFrom = H2Baseline.describe(connection);
            madeFrom.setProperty(H2Baseline.FINGERPRINT, SchemaFingerprint.of(changelog));
            StringBuilder lock = new StringBuilder();
            StringBuilder schema = new StringBuilder();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SCRIPT NOPASSWORDS NOSETTINGS")) {
                while (rows.next()) {
                    sort(rows.getString(1), lock, schema);
                }
            }
            Files.createDirectories(base.getParent());
            Files.writeString(sibling(base, "-lock.sql"), lock, StandardCharsets.UTF_8);
            Files.writeString(sibling(base, "-schema.sql"), schema, StandardCharsets.UTF_8);
            Files.writeString(sibling(base, ".properties"), lines(madeFrom), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Liquibase's lock table goes to the lock script, without its row (the start that runs the
     * baseline writes the row locked and unlocks it at the end); the database's users and H2's
     * comments are left out; everything else goes to the schema script, and a statement of any
     * other kind stops the build, to be looked at.
     */
    private static void sort(String statement, StringBuilder lock, StringBuilder schema) throws SQLException {
        if (statement.startsWith("--") || statement.startsWith("CREATE USER ")) {
            return;
        }
        String kept = TABLE_TYPE.matcher(statement).replaceFirst("CREATE TABLE ");
        if (KEPT.stream().noneMatch(kept::startsWith)) {
            throw new SQLException("unexpected statement in H2's script of the schema: " + statement);
        }
        if (kept.startsWith("INSERT INTO " + LOCK_TABLE)) {
            return;
        }
        StringBuilder to = kept.startsWith("CREATE TABLE " + LOCK_TABLE) || kept.startsWith("ALTER TABLE " + LOCK_TABLE)
                ? lock : schema;
        to.append(kept).append(kept.endsWith(";") ? "" : ";").append('\n');
    }

    private static String lines(Properties properties) {
        StringBuilder text = new StringBuilder("# what the H2 baseline was made from; written by the build\n");
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            text.append(key).append('=').append(properties.getProperty(key)).append('\n');
        }
        return text.toString();
    }

    private static Path sibling(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }
}
