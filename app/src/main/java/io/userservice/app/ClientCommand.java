package io.userservice.app;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.port.in.ManageClientsUseCase;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clients create|list|delete|rotate-secret}: the OpenID Connect client registry of the
 * configured database, for the operator, audited like {@code /admin/clients}. A secret is printed
 * once, when it is made.
 */
@Command(name = "clients", mixinStandardHelpOptions = true,
        description = "Registers, lists and deletes the OpenID Connect clients of the configured database.",
        subcommands = {ClientCommand.Create.class, ClientCommand.ListClients.class, ClientCommand.Delete.class,
            ClientCommand.RotateSecret.class})
final class ClientCommand {


    @ParentCommand
    private Cli cli;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Registers a client; prints its id and (for a confidential client) its secret, shown only now.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        private ClientCommand clients;
        @Spec
        private CommandSpec spec;
        @Option(names = "--name", required = true, description = "shown on the sign-in and consent pages")
        private String name;
        @Option(names = "--redirect-uri", paramLabel = "URI", description = "an exact redirect URI; repeat for more")
        private List<String> redirectUris = new ArrayList<>();
        @Option(names = "--post-logout-redirect-uri", paramLabel = "URI",
                description = "an exact address to return to after logout; repeat for more")
        private List<String> postLogoutRedirectUris = new ArrayList<>();
        @Option(names = "--grant-type", paramLabel = "GRANT",
                description = "authorization_code, refresh_token, client_credentials; repeat for more"
                        + " (default: authorization_code and refresh_token)")
        private List<String> grantTypes = new ArrayList<>();
        @Option(names = "--public", description = "a browser or native app without a secret (PKCE required)")
        private boolean publicClient;
        @Option(names = "--require-consent", description = "ask users before giving the client their data")
        private boolean requireConsent;
        @Option(names = "--scope", paramLabel = "SCOPE",
                description = "a scope the client may ask for (openid, profile, email, offline_access); repeat for"
                        + " more (default: all four)")
        private List<String> scopes = new ArrayList<>();
        @Option(names = "--access-token-lifetime", paramLabel = "DURATION",
                description = "the lifetime of the client's access tokens, ISO-8601 such as PT5M (default: the"
                        + " service's)")
        private String accessTokenLifetime;
        @Option(names = "--refresh-token-lifetime", paramLabel = "DURATION",
                description = "the lifetime of the client's refresh tokens, ISO-8601 such as P7D (default: the"
                        + " service's)")
        private String refreshTokenLifetime;

        @Override
        public Integer call() {
            try (OperatorCore operator = clients.cli.openCore()) {
                ManageClientsUseCase.RegisteredClient created = operator.core().manageClients().register(
                        new ManageClientsUseCase.RegisterCommand(Caller.operator(), name, redirectUris,
                                postLogoutRedirectUris, new LinkedHashSet<>(grantTypes), publicClient, requireConsent,
                                ClientAddress.unknown(), scopes.isEmpty() ? null : new LinkedHashSet<>(scopes),
                                lifetime("access-token-lifetime", accessTokenLifetime),
                                lifetime("refresh-token-lifetime", refreshTokenLifetime)));
                PrintWriter out = spec.commandLine().getOut();
                out.println("client_id: " + created.client().clientId());
                if (created.clientSecret() != null) {
                    out.println("client_secret: " + created.clientSecret());
                }
                return Cli.OK;
            } catch (InvalidInputException e) {
                throw new ParameterException(spec.commandLine(), "--" + option(e.field()) + ": " + e.getMessage());
            }
        }

        private Duration lifetime(String option, String text) {
            if (text == null) {
                return null;
            }
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--" + option
                        + ": an ISO-8601 duration such as PT5M is required.");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the clients, never a secret.")
    static final class ListClients implements Callable<Integer> {
        @ParentCommand
        private ClientCommand clients;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try (OperatorCore operator = clients.cli.openCore()) {
                PrintWriter out = spec.commandLine().getOut();
                for (OidcClient client : operator.core().manageClients().list(Caller.operator())) {
                    out.println(String.join("\t", client.clientId(), client.name(),
                            client.publicClient() ? "public" : "confidential",
                            String.join(",", client.grantTypes().stream().sorted().toList()),
                            String.join(" ", client.redirectUris())));
                }
                return Cli.OK;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes the client; its tokens stop working at once.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        private ClientCommand clients;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CLIENT_ID")
        private String clientId;

        @Override
        public Integer call() {
            try (OperatorCore operator = clients.cli.openCore()) {
                operator.core().manageClients().delete(Caller.operator(), clientId, ClientAddress.unknown());
                spec.commandLine().getOut().println("deleted " + clientId);
                return Cli.OK;
            } catch (NotFoundException e) {
                spec.commandLine().getErr().println("user-service: no client " + clientId);
                return Cli.FAILURE;
            }
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Gives a confidential client a new secret, printed only now; the old one stops at once.")
    static final class RotateSecret implements Callable<Integer> {
        @ParentCommand
        private ClientCommand clients;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CLIENT_ID")
        private String clientId;

        @Override
        public Integer call() {
            try (OperatorCore operator = clients.cli.openCore()) {
                ManageClientsUseCase.RegisteredClient rotated = operator.core().manageClients()
                        .rotateSecret(Caller.operator(), clientId, ClientAddress.unknown());
                spec.commandLine().getOut().println("client_secret: " + rotated.clientSecret());
                return Cli.OK;
            } catch (NotFoundException e) {
                spec.commandLine().getErr().println("user-service: no client " + clientId);
                return Cli.FAILURE;
            } catch (InvalidInputException e) {
                spec.commandLine().getErr().println("user-service: " + e.getMessage());
                return Cli.FAILURE;
            }
        }
    }

    /** The option that names a field of the registry. */
    private static String option(String field) {
        if (field == null) {
            return "name";
        }
        return switch (field) {
            case "redirectUris" -> "redirect-uri";
            case "postLogoutRedirectUris" -> "post-logout-redirect-uri";
            case "grantTypes" -> "grant-type";
            case "scopes" -> "scope";
            case "accessTokenLifetime" -> "access-token-lifetime";
            case "refreshTokenLifetime" -> "refresh-token-lifetime";
            default -> field;
        };
    }
}
