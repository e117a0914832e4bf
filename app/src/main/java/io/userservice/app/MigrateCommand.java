package io.userservice.app;

import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code migrate}: brings the configured database to the current schema (the changelog every
 * start applies too) and ends, for deployments that migrate before rolling out instances.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Applies the database changelog to the configured database and exits.")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    private Cli cli;
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        AppConfig config = cli.config();
        try (JdbcStores database = JdbcStores.open(
                new JdbcSettings(config.dbUrl(), config.dbUser(), config.dbPassword(), 1))) {
            spec.commandLine().getOut().println("database " + ConfigCommand.maskedUrl(config.dbUrl())
                    + " is at the current schema");
        }
        return Cli.OK;
    }
}
