package io.userservice.app;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import io.userservice.mail.MailNotifiers;
import java.io.PrintStream;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code roles grant|revoke EMAIL ROLE} and {@code roles show EMAIL} from the command line, on the
 * configured database: the operator's way to make the first administrators. Audited like the API.
 */
final class RoleCommand {

    static final String USAGE = "usage: java -jar user-service.jar roles (grant|revoke) EMAIL ROLE | roles show EMAIL";

    private RoleCommand() {
    }

    /** Runs the command; returns the process exit code. */
    static int run(String[] args, AppConfig config, PrintStream out, PrintStream err) {
        if (args.length < 3 || !args[0].equals("roles")
                || !(args[1].equals("show") && args.length == 3
                || (args[1].equals("grant") || args[1].equals("revoke")) && args.length == 4)) {
            err.println(USAGE);
            return 2;
        }
        try (JdbcStores database = JdbcStores.open(
                new JdbcSettings(config.dbUrl(), config.dbUser(), config.dbPassword(), 2));
             Directories directories = Directories.select(config, database)) {
            UserServiceCore core = UserServiceServer.core(config, directories, database,
                    MailNotifiers.log(config.mailSettings()));
            Optional<User> user = core.lookUpUser().byEmail(args[2]);
            if (user.isEmpty()) {
                err.println("no user with email " + args[2]);
                return 1;
            }
            User result = user.get();
            if (!args[1].equals("show")) {
                result = core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), result.id(), new Role(args[3]),
                        args[1].equals("grant"), "command line"));
            }
            out.println(result.email() + " roles: "
                    + result.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")));
            return 0;
        } catch (InvalidInputException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
