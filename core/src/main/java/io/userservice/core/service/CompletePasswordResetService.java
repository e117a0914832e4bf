package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.EmailChangePort;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The code is looked at first, so a caller without a valid code never gets as far as the slow
 * hash (and cannot spend the hashing slots sign-ins need). The new password is then checked and
 * hashed before the code is consumed, so a rejected password leaves the code usable for a second
 * attempt; the consumption itself is the one atomic step that decides.
 */
final class CompletePasswordResetService implements CompletePasswordResetUseCase {

    private final SingleUseCodePort codes;
    private final Users users;
    private final AccountStatePort accounts;
    private final RefreshTokenPort refreshTokens;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final CoreSettings settings;
    private final Throttling throttling;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;
    private final EmailChangePort emailChanges;

    CompletePasswordResetService(SingleUseCodePort codes, Users users, AccountStatePort accounts,
                                 RefreshTokenPort refreshTokens, PasswordHasher hasher, Clock clock,
                                 CoreSettings settings, Throttling throttling, AuditTrail audit,
                                 Transactions transactions, WebhookEvents events,
                                 EmailChangePort emailChanges) {
        this.emailChanges = emailChanges;
        this.transactions = transactions;
        this.events = events;
        this.throttling = throttling;
        this.audit = audit;
        this.codes = codes;
        this.users = users;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public User complete(Command command) {
        users.require(DirectoryCapability.RESET_PASSWORD, "password");
        throttling.codeAttempt(AuditAction.RESET_COMPLETED, command.clientAddress());
        String codeHash = Digests.sha256(command.code());
        if (!codes.isUsable(codeHash, CodePurpose.RESET_PASSWORD, clock.instant())) {
            throw invalidCode(command);
        }
        settings.passwordPolicy().check(command.password());
        String hash = hasher.hash(command.password());
        Instant now = clock.instant();
        Optional<Long> consumed = codes.consume(codeHash, CodePurpose.RESET_PASSWORD, now);
        if (consumed.isEmpty()) {
            throw invalidCode(command);
        }
        long userId = consumed.get();
        User user = users.byId(userId).orElseThrow(InvalidCodeException::new);
        int revoked = transactions.inTransaction(() -> reset(user, hash, now));
        audit.self(AuditAction.RESET_COMPLETED, userId, command.clientAddress(), Outcome.SUCCESS,
                "revoked " + revoked + " refresh token(s)");
        return users.byId(userId).orElseThrow(InvalidCodeException::new);
    }

    /** The new password and everything it ends, with their webhook events, in one transaction. */
    private int reset(User user, String hash, Instant now) {
        long userId = user.id();
        // the password first, the epoch second: a sign-in that reads the raised epoch then reads
        // the new password too (see Credentials)
        users.directory().setPasswordHash(user.directoryKey(), hash, now);
        accounts.passwordChanged(userId, now);
        events.emit(WebhookEventType.USER_PASSWORD_CHANGED, userId, WebhookEvents.fields("reason", "reset"));
        if (!user.confirmed() && users.can(DirectoryCapability.REGISTER)) {
            users.directory().markConfirmed(user.directoryKey(), now);
            events.emit(WebhookEventType.USER_CONFIRMED, userId,
                    WebhookEvents.fields("email", user.email().value(), "confirmed", true));
        }
        codes.invalidateAll(userId, CodePurpose.RESET_PASSWORD, now);
        // an email change requested under the old password (perhaps by whoever stole it) ends too
        codes.invalidateAll(userId, CodePurpose.CHANGE_EMAIL, now);
        emailChanges.eraseUser(userId);
        int revoked = refreshTokens.revokeAllOfUser(userId, now);
        if (revoked > 0) {
            events.emit(WebhookEventType.SESSION_REVOKED, userId, WebhookEvents.fields("reason", "password_reset"));
        }
        return revoked;
    }

    private InvalidCodeException invalidCode(Command command) {
        audit.record(AuditAction.RESET_COMPLETED, Actor.unknown(), null, command.clientAddress(), Outcome.DENIED,
                "invalid, expired or used code");
        return new InvalidCodeException();
    }
}
