package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings one user in from another service, with their password hash, so they sign in with the
 * password they had. The operator (or an administrator with their own credential) does it. An
 * email that is already here is skipped, so running an import again changes nothing. bcrypt
 * hashes ({@code $2a$}, {@code $2b$}, {@code $2y$}) verify as they are and are re-hashed at the
 * configured cost at the first sign-in when theirs is lower; PBKDF2 and Argon2 hashes (the forms of
 * {@link io.userservice.core.crypto.ImportedPasswordHashes}) verify as they are and are re-hashed
 * to bcrypt at the first sign-in.
 */
public interface ImportUsersUseCase {

    /**
     * @throws io.userservice.core.domain.InvalidInputException     for a value breaking its rule, naming it
     * @throws io.userservice.core.domain.AccessDeniedException     when the caller may not import
     * @throws io.userservice.core.domain.ManagedByDirectoryException when the directory cannot register users
     */
    Outcome importUser(Command command);

    /**
     * Imports a batch of users, checked one by one and written together (in one transaction where
     * the store has them), so a large file moves at the rate of its batches rather than of single
     * users. A user whose email is taken, or appears earlier in the same batch, is skipped; a user
     * breaking a rule is rejected with the rule's code and the others go on.
     *
     * @return one result per user, in the order given
     * @throws io.userservice.core.domain.AccessDeniedException     when the caller may not import
     * @throws io.userservice.core.domain.ManagedByDirectoryException when the directory cannot register users
     */
    List<Result> importUsers(BatchCommand command);

    enum Outcome {
        IMPORTED,
        /** The email belongs to a user already. */
        SKIPPED,
        /** The user broke a rule (only in a batch's results; {@link #importUser} throws instead). */
        REJECTED
    }

    /** What became of one user of a batch; a rejection names the rule ({@code code} may be null). */
    record Result(Outcome outcome, String code, String reason) {

        public static final Result IMPORTED = new Result(Outcome.IMPORTED, null, null);
        public static final Result SKIPPED = new Result(Outcome.SKIPPED, null, null);

        public Result {
            Objects.requireNonNull(outcome, "outcome");
        }

        public static Result rejected(String code, String reason) {
            return new Result(Outcome.REJECTED, code, reason);
        }
    }

    record BatchCommand(Caller caller, List<ImportedUser> users) {
        public BatchCommand {
            Objects.requireNonNull(caller, "caller");
            users = List.copyOf(users);
        }
    }

    /**
     * A user as an export file describes them; every field but email and hash may be null. A
     * deactivated user is imported deactivated: they cannot sign in until an administrator
     * reactivates them.
     */
    record ImportedUser(String email, String passwordHash, String firstname, String lastname, String language,
                        boolean confirmed, Map<String, String> attributes, List<String> roles, boolean deactivated) {

        public ImportedUser {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        /** An active user. */
        public ImportedUser(String email, String passwordHash, String firstname, String lastname, String language,
                            boolean confirmed, Map<String, String> attributes, List<String> roles) {
            this(email, passwordHash, firstname, lastname, language, confirmed, attributes, roles, false);
        }

        @Override
        public String toString() {
            return "ImportedUser[***]";
        }
    }

    record Command(Caller caller, ImportedUser user) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(user, "user");
        }
    }
}
