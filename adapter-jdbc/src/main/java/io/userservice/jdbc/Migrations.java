package io.userservice.jdbc;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with the Liquibase changelog shipped in this module. Liquibase
 * takes a lock in the database, so instances starting together migrate one after the other.
 */
final class Migrations {

    private static final String CHANGELOG = "io/userservice/jdbc/changelog/db.changelog-master.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final int ATTEMPTS = 3;
    private static final long LOCK_POLL_SECONDS = 1;

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
        String fingerprint = SchemaFingerprint.of(changelog);
        if (SchemaFingerprint.isRecorded(dataSource, fingerprint)) {
            LOG.debug("schema is current (changelog fingerprint {}), migration skipped", fingerprint);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                applyOnce(dataSource, changelog);
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

    private static void applyOnce(DataSource dataSource, String changelog) throws Exception {
        // Liquibase would otherwise print its progress to standard output and log through
        // java.util.logging; here both go to SLF4J like the rest of the service. Its default lock
        // poll of 10 seconds would hold up every instance but the first.
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
                Scope.Attr.logService.name(), new Slf4jLogService(),
                Scope.Attr.ui.name(), new LoggerUIService(),
                GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getKey(), LOCK_POLL_SECONDS);
        try (Connection connection = dataSource.getConnection()) {
            Scope.child(scope, () -> update(connection, changelog));
        }
    }

    private static void update(Connection connection, String changelog) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                .execute();
    }
}
