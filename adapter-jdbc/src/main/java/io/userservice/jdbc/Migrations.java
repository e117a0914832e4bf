package io.userservice.jdbc;

import java.sql.Connection;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with the Liquibase changelog shipped in this module. Liquibase
 * takes a lock in the database, so instances starting together migrate one after the other.
 * An empty H2 database gets the whole schema from the {@link H2Baseline} made from the same
 * changelog at build time, without Liquibase.
 */
final class Migrations {

    static final String CHANGELOG = "io/userservice/jdbc/changelog/db.changelog-master.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final int ATTEMPTS = 3;

    private Migrations() {
    }

    /**
     * Migrates, trying again when an attempt fails: instances that start together on an empty
     * database race to create Liquibase's own tables, and the losers fail once.
     */
    static void apply(DataSource dataSource) {
        apply(dataSource, CHANGELOG);
    }

    /**
     * Migrates with the changelog at this classpath location, unless the database records that
     * its schema was last migrated with exactly this changelog ({@link SchemaFingerprint}).
     */
    static void apply(DataSource dataSource, String changelog) {
        apply(dataSource, changelog, H2Baseline.shipped());
    }

    /**
     * Migrates with this changelog; an empty H2 database gets this baseline instead when it was
     * made from exactly this changelog.
     */
    static void apply(DataSource dataSource, String changelog, H2Baseline baseline) {
        String fingerprint = SchemaFingerprint.of(changelog);
        if (SchemaFingerprint.isRecorded(dataSource, fingerprint)) {
            LOG.debug("schema is current (changelog fingerprint {}), migration skipped", fingerprint);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt == 1 && baseline.applyToEmpty(dataSource, fingerprint)) {
                    SchemaFingerprint.record(dataSource, fingerprint, System.currentTimeMillis());
                    return;
                }
                try (Connection connection = dataSource.getConnection()) {
                    LiquibaseUpdate.run(connection, changelog);
                }
                SchemaFingerprint.record(dataSource, fingerprint, System.currentTimeMillis());
                return;
            } catch (Exception e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("cannot migrate the database schema: " + e.getMessage(), e);
                }
                LOG.warn("migrating the database schema failed, trying again: {}", e.getMessage());
            }
        }
    }
}
