package io.userservice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.contract.Race;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An empty H2 database gets its schema from the build's baseline: the same schema and the same
 * record of changesets as Liquibase makes, so later changelogs upgrade it normally; every other
 * database gets Liquibase as before.
 */
class H2BaselineTest {

    private static final String CHANGELOG = Migrations.CHANGELOG;
    private static final String PLUS_ONE = "io/userservice/jdbc/changelog/baseline-plus-one.yaml";
    private static final String NODATA = "SCRIPT NODATA NOPASSWORDS NOSETTINGS";
    private static final H2Baseline NONE = H2Baseline.at("io/userservice/jdbc/no-such-baseline/h2");

    @Test
    void anEmptyDatabaseGetsTheSchemaLiquibaseMakes() throws SQLException {
        JdbcDataSource fromBaseline = emptyDatabase();
        JdbcDataSource fromLiquibase = emptyDatabase();

        Migrations.apply(fromBaseline);
        Migrations.apply(fromLiquibase, CHANGELOG, NONE);

        assertThat(madeByTheBaseline(fromBaseline)).isTrue();
        assertThat(madeByTheBaseline(fromLiquibase)).isFalse();
        assertThat(schema(fromBaseline, NODATA))
                .isNotEmpty()
                .containsExactlyElementsOf(schema(fromLiquibase, NODATA));
        // the rows the changesets insert, and Liquibase's lock row, released
        assertThat(dataExceptWhenAndWhichRun(fromBaseline))
                .contains("INSERT INTO \"PUBLIC\".\"ACCOUNT_STATE_VERSION\" VALUES\n(1, 0);",
                        "INSERT INTO \"PUBLIC\".\"DATABASECHANGELOGLOCK\" VALUES\n(1, FALSE, NULL, NULL);")
                .containsExactlyElementsOf(dataExceptWhenAndWhichRun(fromLiquibase));
        assertThat(SchemaFingerprint.isRecorded(fromBaseline, SchemaFingerprint.of(CHANGELOG))).isTrue();
    }

    @Test
    void anEmptyFileDatabaseGetsTheTablesLiquibaseMakesInAFile(@TempDir Path directory) throws SQLException {
        JdbcDataSource fromBaseline = dataSource("jdbc:h2:file:" + directory.resolve("baseline"));
        JdbcDataSource fromLiquibase = dataSource("jdbc:h2:file:" + directory.resolve("liquibase"));

        Migrations.apply(fromBaseline);
        Migrations.apply(fromLiquibase, CHANGELOG, NONE);

        assertThat(madeByTheBaseline(fromBaseline)).isTrue();
        assertThat(schema(fromBaseline, NODATA))
                .anyMatch(statement -> statement.startsWith("CREATE CACHED TABLE \"PUBLIC\".\"USERS\""))
                .containsExactlyElementsOf(schema(fromLiquibase, NODATA));
    }

    @Test
    void theBaselineRecordsEveryChangesetAsLiquibaseDoes() throws SQLException {
        JdbcDataSource fromBaseline = emptyDatabase();
        JdbcDataSource fromLiquibase = emptyDatabase();

        Migrations.apply(fromBaseline);
        Migrations.apply(fromLiquibase, CHANGELOG, NONE);

        String changesets = "SELECT ID, AUTHOR, FILENAME, ORDEREXECUTED, EXECTYPE, MD5SUM, DESCRIPTION, COMMENTS,"
                + " TAG, LIQUIBASE, CONTEXTS, LABELS FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED";
        assertThat(rows(fromBaseline, changesets))
                .hasSizeGreaterThan(30)
                .containsExactlyElementsOf(rows(fromLiquibase, changesets));
    }

    @Test
    void aLaterChangelogRunsOnlyItsNewChangesetOnADatabaseMadeByTheBaseline() throws SQLException {
        JdbcDataSource database = emptyDatabase();
        Migrations.apply(database);
        List<String> before = rows(database, "SELECT * FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");

        Migrations.apply(database, PLUS_ONE);

        List<String> after = rows(database, "SELECT * FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
        assertThat(after).hasSize(before.size() + 1).startsWith(before.toArray(String[]::new));
        assertThat(after.get(before.size())).startsWith("test-create-next-release|");
        assertThat(tables(database)).contains("NEXT_RELEASE");
        assertThat(SchemaFingerprint.isRecorded(database, SchemaFingerprint.of(PLUS_ONE))).isTrue();
    }

    @Test
    void liquibaseChecksTheBaselinesChecksums() throws SQLException {
        JdbcDataSource database = emptyDatabase();
        Migrations.apply(database);
        execute(database, "UPDATE DATABASECHANGELOG SET MD5SUM = '9:00000000000000000000000000000000'"
                + " WHERE ID = '001-create-users'");

        assertThatThrownBy(() -> Migrations.apply(database, PLUS_ONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("001-create-users");
        assertThat(tables(database)).doesNotContain("NEXT_RELEASE");
    }

    @Test
    void aDatabaseWithAnyTableIsMigratedByLiquibase() throws SQLException {
        JdbcDataSource database = emptyDatabase();
        execute(database, "CREATE TABLE customers_own (id INT)");

        Migrations.apply(database);

        assertThat(madeByTheBaseline(database)).isFalse();
        assertThat(tables(database)).contains("CUSTOMERS_OWN", "USERS", "ACCOUNT_STATE_CHANGES");
    }

    @Test
    void aDatabaseWithATableInAnotherSchemaIsMigratedByLiquibase() throws SQLException {
        JdbcDataSource database = emptyDatabase();
        execute(database, "CREATE SCHEMA customer");
        execute(database, "CREATE TABLE customer.users (id INT)");

        Migrations.apply(database);

        assertThat(madeByTheBaseline(database)).isFalse();
    }

    @Test
    void aDatabaseThatHasLiquibasesTablesOnlyIsMigratedByLiquibase() throws SQLException {
        JdbcDataSource database = emptyDatabase();
        execute(database, "CREATE TABLE DATABASECHANGELOGLOCK (ID INT NOT NULL PRIMARY KEY, LOCKED BOOLEAN NOT NULL,"
                + " LOCKGRANTED TIMESTAMP, LOCKEDBY VARCHAR(255))");

        Migrations.apply(database);

        assertThat(madeByTheBaseline(database)).isFalse();
        assertThat(tables(database)).contains("USERS");
    }

    @Test
    void anH2DatabaseInAnotherCompatibilityModeIsMigratedByLiquibase() throws SQLException {
        JdbcDataSource database = emptyDatabase(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

        Migrations.apply(database);

        assertThat(madeByTheBaseline(database)).isFalse();
    }

    @Test
    void aBaselineMadeFromAnotherChangelogIsNotUsed() throws SQLException {
        JdbcDataSource database = emptyDatabase();

        Migrations.apply(database, PLUS_ONE);

        assertThat(madeByTheBaseline(database)).isFalse();
        assertThat(tables(database)).contains("USERS", "NEXT_RELEASE");
    }

    @Test
    void aBaselineMissingFromTheClassPathLeavesItToLiquibase() throws SQLException {
        JdbcDataSource database = emptyDatabase();

        assertThat(NONE.applyToEmpty(database, SchemaFingerprint.of(CHANGELOG))).isFalse();

        assertThat(tables(database)).isEmpty();
    }

    @Test
    void aBaselineThatFailsHalfWayIsUndoneAndLiquibaseCreatesTheSchema() throws Exception {
        H2Baseline broken = brokenBaseline();
        JdbcDataSource database = emptyDatabase();

        assertThat(broken.applyToEmpty(database, SchemaFingerprint.of(CHANGELOG))).isFalse();
        assertThat(tables(database)).containsExactly("DATABASECHANGELOGLOCK");
        assertThat(rows(database, "SELECT * FROM DATABASECHANGELOGLOCK")).containsExactly("1|FALSE|null|null");

        Migrations.apply(database, CHANGELOG, broken);

        JdbcDataSource fromLiquibase = emptyDatabase();
        Migrations.apply(fromLiquibase, CHANGELOG, NONE);
        assertThat(schema(database, NODATA))
                .containsExactlyElementsOf(schema(fromLiquibase, NODATA));
    }

    @Test
    void startsRacingOnOneEmptyDatabaseMakeOneSchemaAndAllStart() throws SQLException {
        for (int round = 0; round < 3; round++) {
            String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

            List<Race.Outcome<Boolean>> outcomes = Race.run(4, racer -> {
                Migrations.apply(dataSource(url));
                return true;
            });

            assertThat(outcomes).allMatch(Race.Outcome::succeeded);
            JdbcDataSource database = dataSource(url);
            // one start ran the baseline, the others waited for it in Liquibase and found nothing to do
            assertThat(madeByTheBaseline(database)).isTrue();
            assertThat(rows(database, "SELECT ID, COUNT(*) FROM DATABASECHANGELOG GROUP BY ID HAVING COUNT(*) > 1"))
                    .isEmpty();
            assertThat(rows(database, "SELECT * FROM DATABASECHANGELOGLOCK")).containsExactly("1|FALSE|null|null");
            JdbcDataSource fromLiquibase = emptyDatabase();
            Migrations.apply(fromLiquibase, CHANGELOG, NONE);
            assertThat(schema(database, NODATA))
                    .containsExactlyElementsOf(schema(fromLiquibase, NODATA));
            assertThat(rows(database, "SELECT ID, MD5SUM FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"))
                    .containsExactlyElementsOf(rows(fromLiquibase,
                            "SELECT ID, MD5SUM FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"));
        }
    }

    /**
     * A copy of the shipped baseline whose schema script creates two tables and then fails, put
     * on the test class path.
     */
    private static H2Baseline brokenBaseline() throws IOException, URISyntaxException {
        String location = "io/userservice/jdbc/broken-baseline-" + UUID.randomUUID() + "/h2";
        Path classes = Path.of(H2BaselineTest.class.getResource("/logback-test.xml").toURI()).getParent();
        Path base = classes.resolve(location);
        Files.createDirectories(base.getParent());
        Files.writeString(base.resolveSibling("h2.properties"), resource(H2Baseline.SHIPPED + ".properties"));
        Files.writeString(base.resolveSibling("h2-lock.sql"), resource(H2Baseline.SHIPPED + "-lock.sql"));
        Files.writeString(base.resolveSibling("h2-schema.sql"),
                "CREATE TABLE first_half (id INT);\nCREATE TABLE second_half (id INT);\nTHIS IS NOT SQL;\n");
        return H2Baseline.at(location);
    }

    /** True when Liquibase's record of the changesets is the one the build wrote into the baseline. */
    private static boolean madeByTheBaseline(JdbcDataSource database) throws SQLException {
        List<String> deployment = rows(database, "SELECT DISTINCT DEPLOYMENT_ID FROM DATABASECHANGELOG");
        return deployment.size() == 1
                && resource(H2Baseline.SHIPPED + "-schema.sql").contains("'" + deployment.get(0) + "'");
    }

    /**
     * The rows as H2 scripts them, but Liquibase's record of when each changeset ran (and in
     * which deployment) and when the fingerprint was recorded.
     */
    private static List<String> dataExceptWhenAndWhichRun(JdbcDataSource database) throws SQLException {
        return schema(database, "SCRIPT NOPASSWORDS NOSETTINGS").stream()
                .filter(statement -> statement.startsWith("INSERT INTO "))
                .filter(insert -> !insert.startsWith("INSERT INTO \"PUBLIC\".\"DATABASECHANGELOG\" ")
                        && !insert.startsWith("INSERT INTO \"PUBLIC\".\"SCHEMA_FINGERPRINT\" "))
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = H2BaselineTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path (the build writes it)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JdbcDataSource emptyDatabase() {
        return emptyDatabase("");
    }

    private static JdbcDataSource emptyDatabase(String settings) {
        return dataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + settings);
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL(url);
        database.setUser("sa");
        return database;
    }

    private static List<String> tables(JdbcDataSource database) throws SQLException {
        return rows(database, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " ORDER BY TABLE_NAME");
    }

    /**
     * The statements of this H2 {@code SCRIPT} in their text's order, without comments: the order
     * in which objects were created (Liquibase's lock table comes first in the baseline) is no
     * part of the schema.
     */
    private static List<String> schema(JdbcDataSource database, String script) throws SQLException {
        return rows(database, script).stream().filter(statement -> !statement.startsWith("--")).sorted().toList();
    }

    /** Each row's columns joined with {@code |}. */
    private static List<String> rows(JdbcDataSource database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                StringBuilder text = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    text.append(column == 1 ? "" : "|").append(row.getString(column));
                }
                rows.add(text.toString());
            }
        }
        return rows;
    }

    private static void execute(JdbcDataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
