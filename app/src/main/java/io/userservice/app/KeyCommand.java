package io.userservice.app;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.port.in.RevokeSigningKeyUseCase;
import io.userservice.core.service.UserServiceCore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys rotate}, {@code keys revoke KID} and {@code keys list} from the command line, on the
 * configured database. Rotation adds a signing key that every running instance starts to use
 * within a minute; the previous key keeps verifying, and stays in the JWKS, until every token it
 * signed has expired. Revocation is for a key that may have leaked: within a minute no instance
 * accepts its tokens or publishes it (a revoked active key is replaced first). Audited as
 * {@code key rotation} and {@code key revocation}.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Rotates, revokes and lists the token signing keys of the configured database.",
        subcommands = {KeyCommand.Rotate.class, KeyCommand.ListKeys.class, KeyCommand.Revoke.class})
final class KeyCommand {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String ROW = "%-16s  %-24s  %-24s  %-24s  %-9s  %s";

    @ParentCommand
    private Cli cli;

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Adds a signing key that every instance uses within a minute; the previous one keeps"
                    + " verifying until its tokens expire. Lists the keys.")
    static final class Rotate implements Callable<Integer> {
        @ParentCommand
        private KeyCommand keys;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (OperatorCore operator = keys.cli.openCore()) {
                SigningKeyStatus created = operator.core().rotateSigningKey().rotate(Actor.commandLine());
                out.println("new signing key " + created.keyId() + " is active; running instances use it within a minute");
                list(operator.core(), out);
            }
            return Cli.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the signing keys and their states.")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        private KeyCommand keys;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try (OperatorCore operator = keys.cli.openCore()) {
                list(operator.core(), spec.commandLine().getOut());
            }
            return Cli.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a signing key that may have leaked: within a minute no instance accepts its"
                    + " tokens or publishes it. Lists the keys.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        private KeyCommand keys;
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "KID", description = "the key id, as `keys list` shows it")
        private String keyId;

        @Override
        public Integer call() {
            if (!KEY_ID.matcher(keyId).matches()) {
                throw new ParameterException(spec.commandLine(), "KID must be 1 to 64 letters, digits, - or _");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (OperatorCore operator = keys.cli.openCore()) {
                if (!operator.core().revokeSigningKey().revoke(new RevokeSigningKeyUseCase.Command(keyId,
                        Actor.commandLine()))) {
                    spec.commandLine().getErr().println("user-service: there is no signing key " + keyId
                            + " that is not revoked already");
                    return Cli.FAILURE;
                }
                out.println("signing key " + keyId + " is revoked; running instances refuse its tokens and drop it"
                        + " from the JWKS within a minute");
                list(operator.core(), out);
            }
            return Cli.OK;
        }
    }

    private static void list(UserServiceCore core, PrintWriter out) {
        out.println(String.format(ROW, "kid", "created", "retired", "accepted until", "state", "storage"));
        for (SigningKeyStatus key : core.listSigningKeys().list()) {
            out.println(String.format(ROW, key.keyId(), key.createdAt(), orDash(key.retiredAt()),
                    orDash(key.acceptedUntil()), state(key), key.encrypted() ? "encrypted" : "plaintext"));
        }
    }

    private static String state(SigningKeyStatus key) {
        if (key.revokedAt() != null) {
            return "revoked";
        }
        if (key.active()) {
            return "active";
        }
        if (key.retiredAt() == null) {
            return "standby";
        }
        return key.published() ? "retired" : "expired";
    }

    private static String orDash(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }
}
