package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.EmailChangePort;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.PortalSessionPort;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Instant;

/**
 * The new password is checked against the policy before anything slow, and the current one is
 * verified as a sign-in would (limits included). After the slow hashing, the epoch read before the
 * check is raised in one conditional step, in the same transaction as the password write: a reset,
 * deactivation or role change that committed meanwhile raised it already, so this change writes
 * nothing and the caller gets no tokens. A pending email change ends with it (its code could
 * otherwise be confirmed by whoever requested it under the old password).
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
    private final SingleUseCodePort codes;
    private final EmailChangePort emailChanges;

    ChangePasswordService(Users users, Credentials credentials, AccountOwners owners, AccountStatePort accounts,
                          RefreshTokenPort refreshTokens, PortalSessionPort portalSessions, PasswordHasher hasher,
                          TokenIssuance issuance, Notices notices, CoreSettings settings, AuditTrail audit,
                          Clock clock, Transactions transactions, WebhookEvents events,
                          SingleUseCodePort codes, EmailChangePort emailChanges) {
        this.codes = codes;
        this.emailChanges = emailChanges;
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
        ClientAddress address = command.client().clientAddress();
        owners.refuseImpersonation(AuditAction.PASSWORD_CHANGED, command.caller(), address, "change the password");
        users.require(DirectoryCapability.CHANGE_PASSWORD, "password");
        long userId = command.caller().userId();
        settings.passwordPolicy().check(command.newPassword());
        User before = credentials.reverify(userId, command.currentPassword(), address, AuditAction.PASSWORD_CHANGED);
        String hash = hasher.hash(command.newPassword());
        Instant now = clock.instant();
        int revoked = transactions.inTransaction(() -> {
            // only if nothing raised the epoch since the check; both writes commit together
            if (!accounts.passwordChangedIfEpoch(userId, before.credentialEpoch(), now)) {
                return -1;
            }
            if (!users.directory().setPasswordHash(before.directoryKey(), hash, now)) {
                throw new InvalidTokenException("The user of this token no longer exists.");
            }
            codes.invalidateAll(userId, CodePurpose.CHANGE_EMAIL, now);
            emailChanges.eraseUser(userId);
            events.emit(WebhookEventType.USER_PASSWORD_CHANGED, userId, WebhookEvents.fields("reason", "change"));
            int ended = refreshTokens.revokeAllOfUser(userId, now) + portalSessions.endAllOfUser(userId, now);
            if (ended > 0) {
                events.emit(WebhookEventType.SESSION_REVOKED, userId,
                        WebhookEvents.fields("reason", "password_changed"));
            }
            return ended;
        });
        if (revoked < 0) {
            audit.self(AuditAction.PASSWORD_CHANGED, userId, address, Outcome.DENIED,
                    "another change of the account ran at the same time; password not changed");
            throw new InvalidCredentialsException();
        }
        User after = users.byId(userId).orElseThrow(
                () -> new InvalidTokenException("The user of this token no longer exists."));
        notices.passwordChanged(after);
        if (after.credentialEpoch() != before.credentialEpoch() + 1 || after.deactivated()) {
            audit.self(AuditAction.PASSWORD_CHANGED, userId, address, Outcome.DENIED,
                    "another change of the account ran at the same time; no new session");
            throw new InvalidCredentialsException();
        }
        TokenPair tokens = issuance.forNewSession(after, command.client());
        audit.self(AuditAction.PASSWORD_CHANGED, userId, address, Outcome.SUCCESS,
                "ended " + revoked + " refresh token(s) and portal session(s)");
        return new Result(after, tokens);
    }
}
