package io.userservice.app;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve}, also what runs with no verb: migrates the database, starts the HTTP server and
 * the background work, and returns; the server runs until the process is stopped (SIGTERM stops
 * it cleanly).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Migrates the database and serves the API until the process is stopped (the default verb).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    private Cli cli;

    @Override
    public Integer call() {
        return serve(cli);
    }

    static int serve(Cli on) {
        StartupPhases phases = StartupPhases.sinceJvmStart();
        AppConfig config = on.config();
        PerformanceConfig limits = config.performance();
        OperationsConfig operations = on.operations();
        phases.end("configuration");
        UserServiceServer server = UserServiceServer.start(config, limits, operations, phases);
        on.serving(server);
        phases.end("ready");
        LOG.info(phases.summary());
        LOG.info("User Service ready on {}:{} (public URL {}) in {} ms", config.host(), server.port(),
                config.publicUrl(), phases.total());
        return Cli.OK;
    }
}
