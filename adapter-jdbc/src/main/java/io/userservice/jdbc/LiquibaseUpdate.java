package io.userservice.jdbc;

import java.sql.Connection;
import java.util.Map;
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

/**
 * One Liquibase update with a changelog from the classpath. Kept apart from {@link Migrations} so
 * that a start which needs no Liquibase (a current schema, or an empty H2 database given the
 * {@link H2Baseline}) does not load its classes.
 */
final class LiquibaseUpdate {

    private static final long LOCK_POLL_SECONDS = 1;

    private LiquibaseUpdate() {
    }

    static void run(Connection connection, String changelog) throws Exception {
        // Liquibase would otherwise print its progress to standard output and log through
        // java.util.logging; here both go to SLF4J like the rest of the service. Its default lock
        // poll of 10 seconds would hold up every instance but the first.
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(LiquibaseUpdate.class.getClassLoader()),
                Scope.Attr.logService.name(), new Slf4jLogService(),
                Scope.Attr.ui.name(), new LoggerUIService(),
                GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getKey(), LOCK_POLL_SECONDS);
        Scope.child(scope, () -> update(connection, changelog));
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
