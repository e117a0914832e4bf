package io.userservice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SchemaFingerprintTest {

    private static final String CHANGELOG = "io/userservice/jdbc/changelog/db.changelog-master.yaml";

    private final JdbcDataSource database = new JdbcDataSource();

    SchemaFingerprintTest() {
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
    }

    @Test
    void aMigrationRecordsTheFingerprintOfTheChangelog() throws SQLException {
        assertThat(SchemaFingerprint.isRecorded(database, SchemaFingerprint.of(CHANGELOG))).isFalse();

        Migrations.apply(database);

        assertThat(SchemaFingerprint.isRecorded(database, SchemaFingerprint.of(CHANGELOG))).isTrue();
        assertThat(query("SELECT COUNT(*) FROM schema_fingerprint")).isEqualTo(1);
    }

    @Test
    void withTheSameChangelogRecordedLiquibaseIsSkipped() throws SQLException {
        Migrations.apply(database);
        forgetTheAuditTable();

        Migrations.apply(database);

        // Liquibase would have created the table again; the recorded fingerprint made the start skip it
        assertThat(tableExists("AUDIT_EVENTS")).isFalse();
    }

    @Test
    void withAnotherChangelogRecordedLiquibaseRunsAndRecordsTheNewOne() throws SQLException {
        Migrations.apply(database);
        forgetTheAuditTable();
        execute("UPDATE schema_fingerprint SET fingerprint = 'the digest of an older changelog'");

        Migrations.apply(database);

        assertThat(tableExists("AUDIT_EVENTS")).isTrue();
        assertThat(SchemaFingerprint.isRecorded(database, SchemaFingerprint.of(CHANGELOG))).isTrue();
        assertThat(query("SELECT COUNT(*) FROM schema_fingerprint")).isEqualTo(1);
    }

    @Test
    void theFingerprintCoversEveryIncludedFile() {
        String one = SchemaFingerprint.of("io/userservice/jdbc/fingerprint-one/master.yaml");
        String two = SchemaFingerprint.of("io/userservice/jdbc/fingerprint-two/master.yaml");

        assertThat(one).hasSize(64).isNotEqualTo(two);
        assertThat(SchemaFingerprint.of("io/userservice/jdbc/fingerprint-one/master.yaml")).isEqualTo(one);
        assertThat(SchemaFingerprint.of(CHANGELOG)).isNotEqualTo(one);
    }

    /** As if the last changeset had never run: its table and its line in Liquibase's log are gone. */
    private void forgetTheAuditTable() throws SQLException {
        execute("DROP TABLE audit_events");
        execute("DELETE FROM DATABASECHANGELOG WHERE ID = '009-create-audit-events'");
    }

    private boolean tableExists(String name) throws SQLException {
        return query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '" + name + "'") == 1;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long query(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
