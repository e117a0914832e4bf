package io.userservice.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code config check}: the configuration as the server would read it, without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Checks the configuration.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

    static final String MASK = "******";
    private static final Pattern SETTING = Pattern.compile("USERSVC_[A-Z0-9_]+");
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password=)[^&;]*|(//[^/@:]*:)[^/@]*(@)");

    @ParentCommand
    private Cli cli;

    /**
     * Validates every setting (environment and {@code USERSVC_CONFIG_FILE}), names each bad one
     * and ends with 1, else prints the effective settings, secrets masked.
     */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates the whole configuration and names every bad setting (exit 1), or prints the"
                    + " effective settings with secrets masked (exit 0).")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        private ConfigCommand config;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            Result result = check(config.cli.environment());
            if (!result.problems().isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                result.problems().forEach(problem -> err.println("user-service: invalid configuration: " + problem));
                return Cli.FAILURE;
            }
            PrintWriter out = spec.commandLine().getOut();
            result.effective().forEach((name, value) -> out.println(name + "=" + (value == null ? "" : masked(name, value))));
            return Cli.OK;
        }
    }

    /** Each bad setting's one-line message, or (with none) every setting read and its effective value. */
    record Result(List<String> problems, Map<String, String> effective) {
    }

    /**
     * Reads the configuration as {@code serve} does. Parsing stops at the first bad setting, so a
     * bad setting is dropped (its default taken) and the configuration read again, until it reads
     * cleanly or a problem names nothing left to drop.
     */
    static Result check(Map<String, String> environment) {
        Settings given;
        try {
            given = AppConfig.settings(environment);
        } catch (ConfigException e) {
            return new Result(List.of(Cli.oneLine(e.getMessage())), Map.of());
        }
        Map<String, String> values = new HashMap<>(given.all());
        List<String> problems = new ArrayList<>();
        while (true) {
            Settings settings = new Settings(values);
            try {
                ServerSettings.read(settings);
                return new Result(problems, problems.isEmpty() ? settings.effective() : Map.of());
            } catch (ConfigException e) {
                problems.add(Cli.oneLine(e.getMessage()));
                boolean dropped = false;
                Matcher named = SETTING.matcher(e.getMessage());
                while (named.find()) {
                    dropped |= values.remove(named.group()) != null;
                }
                if (!dropped) {
                    return new Result(problems, Map.of());
                }
            }
        }
    }

    /** A secret's value as {@code config check} prints it. */
    static String masked(String name, String value) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.endsWith("PASSWORD") || upper.endsWith("_KEY") || upper.contains("SECRET")) {
            return MASK;
        }
        return upper.endsWith("_URL") ? maskedUrl(value) : value;
    }

    /** A database or directory URL without the password it may carry. */
    static String maskedUrl(String url) {
        Matcher matcher = URL_SECRET.matcher(url);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(1) != null
                    ? matcher.group(1) + MASK : matcher.group(2) + MASK + matcher.group(3)));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
