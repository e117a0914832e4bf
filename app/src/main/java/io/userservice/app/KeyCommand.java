package io.userservice.app;

import io.userservice.core.port.in.RevokeSigningKeyUseCase;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import io.userservice.mail.MailNotifiers;
import java.io.PrintStream;
import java.time.Instant;

/**
 * {@code keys rotate}, {@code keys revoke KID} and {@code keys list} from the command line, on the
 * configured database. Rotation adds a signing key that every running instance starts to use
 * within a minute; the previous key keeps verifying, and stays in the JWKS, until every token it
 * signed has expired. Revocation is for a key that may have leaked: within a minute no instance
 * accepts its tokens or publishes it (a revoked active key is replaced first). Audited as
 * {@code key rotation} and {@code key revocation}.
 */
final class KeyCommand {

    static final String USAGE = "usage: java -jar user-service.jar keys (rotate|list|revoke KID)";
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private KeyCommand() {
    }

    /** Runs the command; returns the process exit code. */
    static int run(String[] args, AppConfig config, PrintStream out, PrintStream err) {
        boolean revoke = args.length == 3 && args[0].equals("keys") && args[1].equals("revoke")
                && KEY_ID.matcher(args[2]).matches();
        if (!revoke && (args.length != 2 || !args[0].equals("keys")
                || !(args[1].equals("rotate") || args[1].equals("list")))) {
            err.println(USAGE);
            return 2;
        }
        try (JdbcStores database = JdbcStores.open(
                new JdbcSettings(config.dbUrl(), config.dbUser(), config.dbPassword(), 2));
             Directories directories = Directories.select(config, database)) {
            UserServiceCore core = UserServiceServer.core(config, directories, database,
                    MailNotifiers.log(config.mailSettings()));
            if (revoke) {
                if (!core.revokeSigningKey().revoke(new RevokeSigningKeyUseCase.Command(args[2], "command line"))) {
                    err.println("user-service: there is no signing key " + args[2] + " that is not revoked already");
                    return 1;
                }
                out.println("signing key " + args[2] + " is revoked; running instances refuse its tokens and drop it"
                        + " from the JWKS within a minute");
            }
            if (args[1].equals("rotate")) {
                SigningKeyStatus created = core.rotateSigningKey().rotate("command line");
                out.println("new signing key " + created.keyId() + " is active; running instances use it within a minute");
            }
            out.println(String.format("%-16s  %-24s  %-24s  %-24s  %-9s  %s", "kid", "created", "retired",
                    "accepted until", "state", "storage"));
            for (SigningKeyStatus key : core.listSigningKeys().list()) {
                out.println(String.format("%-16s  %-24s  %-24s  %-24s  %-9s  %s", key.keyId(), key.createdAt(),
                        orDash(key.retiredAt()), orDash(key.acceptedUntil()), state(key),
                        key.encrypted() ? "encrypted" : "plaintext"));
            }
            return 0;
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
