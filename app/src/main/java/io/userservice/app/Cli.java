package io.userservice.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command line of the packaged server, {@code java -jar user-service.jar [VERB …]}. With no
 * verb it serves. Every verb has {@code --help}; a verb ends with 0 when it did its work, 1 when
 * it failed (a bad setting, the database out of reach, no such user) and 2 when it was called
 * wrongly, and says why in one line on the error stream.
 *
 * <p><b>Adding a verb</b>: write a {@code @Command} class (package-private, one per verb, like
 * {@link KeyCommand}) that reaches the configuration through a {@code @ParentCommand Cli cli}
 * field ({@link #config()}, {@link #openCore()}), writes to {@code spec.commandLine().getOut()}
 * and returns its exit code; then add it to the {@code subcommands} list below. That list is the
 * only place verbs are registered; the README's CLI reference and the shell completion follow it.
 */
@Command(name = "user-service", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "The User Service: serves the API with no verb, or runs one of the operator's verbs on the"
                + " configured database. Settings come from the USERSVC_... environment variables (README).",
        subcommands = {
            ServeCommand.class,
            MigrateCommand.class,
            ConfigCommand.class,
            KeyCommand.class,
            RoleCommand.class,
            WebhookCommand.class,
            ClientCommand.class,
            UsersCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Cli implements Callable<Integer> {

    /** The exit code of a verb that did its work. */
    static final int OK = 0;
    /** The exit code of a verb that failed: a bad setting, an outage, nothing to act on. */
    static final int FAILURE = 1;
    /** The exit code of a verb called wrongly: unknown verb or option, a malformed argument. */
    static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private final Map<String, String> environment;
    private UserServiceServer server;

    @Spec
    private CommandSpec spec;

    /** The command line on the process environment (picocli's completion generator builds it this way too). */
    public Cli() {
        this(System.getenv());
    }

    Cli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Runs the verb {@code args} names; returns its exit code. */
    static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        return run(new Cli(environment), out, err, args);
    }

    static int run(Cli cli, PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 0) {
            // serving, the default, has nothing to parse: the start skips building the model of every verb
            applyLogFormat(cli.environment);
            try {
                return cli.call();
            } catch (Exception e) {
                return failed(e, "user-service", err);
            } finally {
                out.flush();
                err.flush();
            }
        }
        CommandLine commandLine = new CommandLine(cli);
        // key ids are base64url and may start with a dash
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("user-service: " + oneLine(e.getMessage()) + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parsed) ->
                failed(e, failed.getCommandSpec().qualifiedName(), failed.getErr()));
        applyLogFormat(cli.environment);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Says in one line why the verb {@code qualifiedName} failed; the exit code of a failed verb. */
    private static int failed(Exception e, String qualifiedName, PrintWriter err) {
        if (e instanceof ConfigException) {
            err.println("user-service: invalid configuration: " + oneLine(e.getMessage()));
        } else {
            LOG.debug("{} failed", qualifiedName, e);
            err.println("user-service: " + qualifiedName + " failed: "
                    + oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return FAILURE;
    }

    /** No verb: serve. */
    @Override
    public Integer call() {
        return ServeCommand.serve(this);
    }

    /** The server's settings from the environment (and the optional properties file). */
    AppConfig config() {
        return AppConfig.from(environment);
    }

    OperationsConfig operations() {
        return OperationsConfig.from(environment);
    }

    Map<String, String> environment() {
        return environment;
    }

    /** The core on the configured database and directory, as the server builds it, mail to the log. */
    OperatorCore openCore() {
        return OperatorCore.open(config());
    }

    /** The server {@code serve} started, which runs until the process stops; {@code null} for other verbs. */
    UserServiceServer server() {
        return server;
    }

    void serving(UserServiceServer started) {
        this.server = started;
    }

    /** Logs in the configured format from the first line on; a bad setting is left to the verb to report. */
    private static void applyLogFormat(Map<String, String> environment) {
        try {
            OperationsConfig.from(environment).logs().apply();
        } catch (ConfigException e) {
            // reported by the verb (serve, config check) that reads the settings
        }
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The version of the packaged jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"user-service " + (version == null ? "(development build)" : version)};
        }
    }
}
