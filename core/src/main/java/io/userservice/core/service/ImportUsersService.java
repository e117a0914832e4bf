package io.userservice.core.service;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.crypto.ImportedPasswordHashes;
import io.userservice.core.crypto.UniformTimePasswordHasher;
import io.userservice.core.domain.Attributes;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Language;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.PersonName;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.port.in.ImportUsersUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.port.out.UserAttributesPort;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Everything is checked before anything is written; the users of a batch, their attributes and
 * roles are then written in one transaction, so a failure leaves no half-imported user. A
 * registration racing the import for the same email wins, and the import counts it as skipped.
 */
final class ImportUsersService implements ImportUsersUseCase {

    /** Modular-crypt bcrypt: variant, a two-digit cost from 4 to 31, 22 characters of salt, 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

    private final Users users;
    private final Administrators administrators;
    private final AccountStatePort accounts;
    private final UserAttributesPort attributes;
    private final Transactions transactions;
    private final Clock clock;
    private final int paddedToBcryptCost;

    /**
     * @param paddedToBcryptCost the bcrypt cost every password check is padded to (a hash whose
     *                           check would take longer is refused), or 0 for no such bound
     */
    ImportUsersService(Users users, Administrators administrators, AccountStatePort accounts,
                       UserAttributesPort attributes, Transactions transactions, Clock clock,
                       int paddedToBcryptCost) {
        this.users = users;
        this.administrators = administrators;
        this.accounts = accounts;
        this.attributes = attributes;
        this.transactions = transactions;
        this.clock = clock;
        this.paddedToBcryptCost = paddedToBcryptCost;
    }

    @Override
    public Outcome importUser(Command command) {
        administrators.require(AuditAction.REGISTRATION, command.caller(), null, ClientAddress.unknown(),
                "caller is not an admin",
                "Importing users needs role admin.");
        users.require(DirectoryCapability.REGISTER, "registration");
        check(0, command.user(), clock.instant());
        return importUsers(new BatchCommand(command.caller(), List.of(command.user()))).get(0).outcome();
    }

    /**
     * Checks every user, leaves out the emails already taken (by one lookup for the batch) and the
     * repeats within it, and writes the rest in one transaction. A registration that takes one of
     * the emails between the lookup and the write fails that transaction as a whole; the batch is
     * then written one user at a time, so only the taken email is skipped.
     */
    @Override
    public List<Result> importUsers(BatchCommand command) {
        administrators.require(AuditAction.REGISTRATION, command.caller(), null, ClientAddress.unknown(),
                "caller is not an admin",
                "Importing users needs role admin.");
        users.require(DirectoryCapability.REGISTER, "registration");
        Instant now = clock.instant();
        Result[] results = new Result[command.users().size()];
        Map<Email, Checked> fresh = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            try {
                Checked checked = check(i, command.users().get(i), now);
                if (fresh.putIfAbsent(checked.user.email(), checked) != null) {
                    results[i] = Result.SKIPPED;
                }
            } catch (UserServiceException e) {
                results[i] = Result.rejected(e.code(), e.getMessage());
            } catch (IllegalArgumentException e) {
                results[i] = Result.rejected(null, e.getMessage());
            }
        }
        if (!fresh.isEmpty()) {
            for (Email taken : users.directory().takenEmails(fresh.keySet())) {
                results[fresh.remove(taken).index] = Result.SKIPPED;
            }
        }
        List<Checked> toWrite = List.copyOf(fresh.values());
        try {
            write(toWrite);
            toWrite.forEach(checked -> results[checked.index] = Result.IMPORTED);
        } catch (EmailAlreadyTakenException raced) {
            for (Checked checked : toWrite) {
                results[checked.index] = writeAlone(checked);
            }
        }
        return List.of(results);
    }

    private Checked check(int index, ImportedUser imported, Instant now) {
        Email email = Email.of(imported.email());
        String hash = imported.passwordHash();
        if (hash == null || !(BCRYPT.matcher(hash).matches() || ImportedPasswordHashes.isWellFormed(hash))) {
            throw new InvalidInputException("unsupported_hash", "passwordHash",
                    "passwordHash must be a bcrypt hash ($2a$, $2b$ or $2y$), $pbkdf2-sha1$, $pbkdf2-sha256$,"
                            + " $pbkdf2-sha512$ or an Argon2 PHC string, within the documented bounds.");
        }
        if (paddedToBcryptCost > 0 && !UniformTimePasswordHasher.coversTheCostOf(hash, paddedToBcryptCost)) {
            throw new InvalidInputException("hash_too_costly", "passwordHash", "Checking this passwordHash takes"
                    + " longer than a bcrypt check at the configured cost " + paddedToBcryptCost + ", so a wrong"
                    + " password would be refused more slowly than an unknown email. Import with a bcrypt cost of at"
                    + " least " + costCovering(hash) + " or leave this user out.");
        }
        String firstname = PersonName.check("firstname", imported.firstname());
        String lastname = PersonName.check("lastname", imported.lastname());
        String language = Language.of(imported.language());
        if (imported.attributes().size() > Attributes.MAX_PER_USER) {
            throw new InvalidInputException("too_many_attributes", "attributes",
                    "A user has at most " + Attributes.MAX_PER_USER + " attributes.");
        }
        imported.attributes().forEach((key, value) -> {
            Attributes.checkKey(key);
            Attributes.checkValue(value);
        });
        List<Role> roles = new ArrayList<>();
        for (String role : imported.roles()) {
            roles.add(new Role(role));
        }
        return new Checked(index, new NewDirectoryUser(UUID.randomUUID(), email, hash, firstname, lastname, language,
                imported.confirmed(), now), imported.attributes(), roles, imported.deactivated());
    }

    private static int costCovering(String hash) {
        int cost = BcryptPasswordHasher.MIN_COST;
        while (cost < BcryptPasswordHasher.MAX_COST && !UniformTimePasswordHasher.coversTheCostOf(hash, cost)) {
            cost++;
        }
        return cost;
    }

    private void write(List<Checked> batch) {
        if (batch.isEmpty()) {
            return;
        }
        transactions.run(() -> {
            List<DirectoryUser> created = users.directory().registerAll(
                    batch.stream().map(Checked::user).toList());
            for (int i = 0; i < batch.size(); i++) {
                Checked checked = batch.get(i);
                long id = users.idOf(created.get(i));
                for (Map.Entry<String, String> attribute : checked.attributes.entrySet()) {
                    attributes.put(id, attribute.getKey(), attribute.getValue());
                }
                checked.roles.forEach(role -> accounts.grant(id, role));
                if (checked.deactivated) {
                    accounts.deactivate(id, checked.user.createdAt());
                }
            }
        });
    }

    private Result writeAlone(Checked checked) {
        try {
            write(List.of(checked));
            return Result.IMPORTED;
        } catch (EmailAlreadyTakenException e) {
            return Result.SKIPPED;
        }
    }

    /** A user that passed every check, with its place in the batch. */
    private record Checked(int index, NewDirectoryUser user, Map<String, String> attributes, List<Role> roles,
                           boolean deactivated) {
    }
}
