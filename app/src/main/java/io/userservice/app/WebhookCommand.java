package io.userservice.app;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code webhooks list|create|delete|deliveries} on the configured database, as the operator:
 * the same use case and rules as {@code /admin/webhooks}, audited alike.
 */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Lists, creates and deletes webhook receivers, and shows their latest deliveries.",
        subcommands = {WebhookCommand.ListReceivers.class, WebhookCommand.Create.class, WebhookCommand.Delete.class,
            WebhookCommand.Deliveries.class})
final class WebhookCommand {


    @ParentCommand
    private Cli cli;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the receivers: id, url, events.")
    static final class ListReceivers implements Callable<Integer> {
        @ParentCommand
        private WebhookCommand webhooks;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            return webhooks.run(spec, use -> {
                List<WebhookEndpoint> all = use.list(Caller.operator());
                PrintWriter out = spec.commandLine().getOut();
                all.forEach(endpoint -> out.println(line(endpoint)));
                if (all.isEmpty()) {
                    out.println("no webhook receivers");
                }
                return Cli.OK;
            });
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Registers a receiver and prints its id and signing secret (shown this once).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        private WebhookCommand webhooks;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "URL", description = "an https or http URL")
        private String url;
        @Option(names = {"-e", "--event"}, required = true, paramLabel = "TYPE", split = ",",
                description = "an event type to send (repeatable or comma-separated): ${COMPLETION-CANDIDATES}",
                completionCandidates = EventTypes.class)
        private List<String> events;
        @Option(names = {"-d", "--description"}, paramLabel = "TEXT")
        private String description;

        @Override
        public Integer call() {
            return webhooks.run(spec, use -> {
                AdministerWebhooksUseCase.WithSecret created = use.create(Caller.operator(),
                        new AdministerWebhooksUseCase.Settings(url, events, description), ClientAddress.unknown());
                PrintWriter out = spec.commandLine().getOut();
                out.println("id: " + created.endpoint().id());
                out.println("secret: " + created.secret());
                return Cli.OK;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes the receiver with ID; its pending deliveries are dropped.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        private WebhookCommand webhooks;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID")
        private String id;

        @Override
        public Integer call() {
            return webhooks.run(spec, use -> {
                use.delete(Caller.operator(), id, ClientAddress.unknown());
                spec.commandLine().getOut().println("deleted " + id);
                return Cli.OK;
            });
        }
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true,
            description = "Shows the latest deliveries to the receiver with ID, newest first.")
    static final class Deliveries implements Callable<Integer> {
        @ParentCommand
        private WebhookCommand webhooks;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID")
        private String id;
        @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "1 to 200 (default 20)")
        private int limit;

        @Override
        public Integer call() {
            return webhooks.run(spec, use -> {
                PrintWriter out = spec.commandLine().getOut();
                for (WebhookDelivery d : use.deliveries(Caller.operator(), id, limit)) {
                    out.println(d.id() + " " + d.event().messageId() + " " + d.event().type().wireName() + " user "
                            + d.event().userId() + " " + d.state().name().toLowerCase(java.util.Locale.ROOT)
                            + " attempts " + d.attempts()
                            + (d.lastStatus() == null ? "" : " status " + d.lastStatus())
                            + (d.lastError() == null ? "" : " error: " + d.lastError()));
                }
                return Cli.OK;
            });
        }
    }

    /** The event types, for completion and help. */
    static final class EventTypes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).iterator();
        }
    }

    private static String line(WebhookEndpoint endpoint) {
        return endpoint.id() + " " + endpoint.url() + " " + endpoint.events().stream().map(WebhookEventType::wireName)
                .sorted().collect(Collectors.joining(","))
                + (endpoint.description() == null ? "" : " (" + endpoint.description() + ")");
    }

    /** Runs the work on the configured core; bad input is a usage error, an unknown id a failure. */
    private int run(CommandSpec spec, Function<AdministerWebhooksUseCase, Integer> work) {
        try (OperatorCore operator = cli.openCore()) {
            return work.apply(operator.core().administerWebhooks());
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (NotFoundException e) {
            spec.commandLine().getErr().println("user-service: " + e.getMessage());
            return Cli.FAILURE;
        }
    }
}
