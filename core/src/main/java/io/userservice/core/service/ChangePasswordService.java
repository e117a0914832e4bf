package io.userservice.core.service;

import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.PortalSessionPort;
import io.userservice.core.port.out.RefreshTokenPort;
import java.time.Clock;
import java.time.Instant;

/**
 * The new password is checked against the policy before anything slow, and the current one is
 * verified as a sign-in would (limits included). The password is then written before the epoch is
 * raised, as a reset does (see {@link CompletePasswordResetService}). The new session is issued
 * only when this change raised the epoch alone: a reset, deactivation or role change that ran
 * during the slow hashing raised it too, and then wins; the caller gets no tokens.
 */
final class ChangePasswordService implements ChangePasswordUseCase {

    private final Users users;
    private final Credentials credentials;
    private final AccountOwners owners;
    private final AccountStatePort accounts;
    private final RefreshTokenPort refreshTokens;
    private final PortalSessionPort portalSessions;
    private final PasswordHasher hasher;
    private final TokenIssuance issuance;
    private final Notices notices;
    private final CoreSettings settings;
    private final AuditTrail audit;
    private final Clock clock;
    private final Transactions transactions;
    private final WebhookEvents events;

    ChangePasswordService(Users users, Credentials credentials, AccountOwners owners, AccountStatePort accounts,
                          RefreshTokenPort refreshTokens, PortalSessionPort portalSessions, PasswordHasher hasher,
                          TokenIssuance issuance, Notices notices, CoreSettings settings, AuditTrail audit,
                          Clock clock, Transactions transactions, WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.users = users;
        this.credentials = credentials;
        this.owners = owners;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.portalSessions = portalSessions;
        this.hasher = hasher;
        this.issuance = issuance;
        this.notices = notices;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Result change(Command command) {
        String address = command.client().address();
        owners.refuseImpersonation(AuditEvent.PASSWORD_CHANGED, command.caller(), address, "change the password");
        users.require(DirectoryCapability.CHANGE_PASSWORD, "password");
        long userId = command.caller().userId();
        settings.passwordPolicy().check(command.newPassword());
        User before = credentials.reverify(userId, command.currentPassword(), address, AuditEvent.PASSWORD_CHANGED);
        String hash = hasher.hash(command.newPassword());
        Instant now = clock.instant();
        int revoked = transactions.inTransaction(() -> {
            // the password first, the epoch second, as a reset does (see Credentials)
            if (!users.directory().setPasswordHash(before.directoryKey(), hash, now)) {
                throw new InvalidTokenException("The user of this token no longer exists.");
            }
            accounts.passwordChanged(userId, now);
            events.emit(WebhookEventType.USER_PASSWORD_CHANGED, userId, WebhookEvents.fields("reason", "change"));
            int ended = refreshTokens.revokeAllOfUser(userId, now) + portalSessions.endAllOfUser(userId, now);
            if (ended > 0) {
                events.emit(WebhookEventType.SESSION_REVOKED, userId,
                        WebhookEvents.fields("reason", "password_changed"));
            }
            return ended;
        });
        User after = users.byId(userId).orElseThrow(
                () -> new InvalidTokenException("The user of this token no longer exists."));
        notices.passwordChanged(after);
        if (after.credentialEpoch() != before.credentialEpoch() + 1 || after.deactivated()) {
            audit.self(AuditEvent.PASSWORD_CHANGED, userId, address, AuditEvent.DENIED,
                    "another change of the account ran at the same time; no new session");
            throw new InvalidCredentialsException();
        }
        TokenPair tokens = issuance.forNewSession(after, command.client());
        audit.self(AuditEvent.PASSWORD_CHANGED, userId, address, AuditEvent.SUCCESS,
                "ended " + revoked + " refresh token(s) and portal session(s)");
        return new Result(after, tokens);
    }
}
