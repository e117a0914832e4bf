package io.userservice.app;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code roles grant|revoke EMAIL ROLE} and {@code roles show EMAIL} from the command line, on the
 * configured database: the operator's way to make the first administrators. Audited like the API.
 */
@Command(name = "roles", mixinStandardHelpOptions = true,
        description = "Grants, revokes and shows the roles of a user of the configured database.",
        subcommands = {RoleCommand.Grant.class, RoleCommand.Revoke.class, RoleCommand.Show.class})
final class RoleCommand {

    @ParentCommand
    private Cli cli;

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Grants ROLE to the user with EMAIL.")
    static final class Grant implements Callable<Integer> {
        @ParentCommand
        private RoleCommand roles;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "EMAIL")
        private String email;
        @Parameters(index = "1", paramLabel = "ROLE", description = "e.g. admin, user-edit")
        private String role;

        @Override
        public Integer call() {
            return roles.change(spec, email, role, true);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes ROLE from the user with EMAIL.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        private RoleCommand roles;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "EMAIL")
        private String email;
        @Parameters(index = "1", paramLabel = "ROLE")
        private String role;

        @Override
        public Integer call() {
            return roles.change(spec, email, role, false);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows the roles of the user with EMAIL.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        private RoleCommand roles;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "EMAIL")
        private String email;

        @Override
        public Integer call() {
            return roles.change(spec, email, null, false);
        }
    }

    /** Grants or revokes {@code roleName} (shows only when it is {@code null}) and prints the user's roles. */
    private int change(CommandSpec spec, String email, String roleName, boolean grant) {
        Role role;
        try {
            role = roleName == null ? null : new Role(roleName);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), "ROLE: " + e.getMessage());
        }
        try (OperatorCore operator = cli.openCore()) {
            Optional<User> user = operator.core().lookUpUser().byEmail(email);
            if (user.isEmpty()) {
                spec.commandLine().getErr().println("user-service: no user with email " + email);
                return Cli.FAILURE;
            }
            User result = user.get();
            if (role != null) {
                result = operator.core().changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(),
                        result.id(), role, grant, ClientAddress.unknown()));
            }
            spec.commandLine().getOut().println(result.email() + " roles: "
                    + result.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")));
            return Cli.OK;
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
