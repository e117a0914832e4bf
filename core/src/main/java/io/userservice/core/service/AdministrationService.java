package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;
import io.userservice.core.port.in.ListAuditEventsUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.RefreshTokenPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What administrators do to other users: impersonate, change roles, deactivate, read the audit
 * trail. They share the rules that permissions come from the stored roles, that a credential
 * minted on someone's behalf never carries administrative power, and that every act is audited
 * under the person really acting.
 */
final class AdministrationService implements ImpersonateUseCase, ChangeRoleUseCase, DeactivateUserUseCase,
        ListAuditEventsUseCase {

    private static final System.Logger LOG = System.getLogger(AdministrationService.class.getName());
    /** The roles that may mint tokens for others; their holders can never be impersonated. */
    private static final Set<Role> MAY_IMPERSONATE = Set.of(Role.ADMIN, Role.USER_EDIT);

    private final Users users;
    private final AccountStatePort accounts;
    private final RefreshTokenPort refreshTokens;
    private final AuditLogPort auditLog;
    private final AuditTrail audit;
    private final AccessTokenIssuer issuer;
    private final Clock clock;
    private final CoreSettings settings;

    AdministrationService(Users users, AccountStatePort accounts, RefreshTokenPort refreshTokens, AuditLogPort auditLog, AuditTrail audit,
                          AccessTokenIssuer issuer, Clock clock, CoreSettings settings) {
        this.users = users;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.auditLog = auditLog;
        this.audit = audit;
        this.issuer = issuer;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public IssuedToken impersonate(ImpersonateUseCase.Command command) {
        Caller caller = command.caller();
        String address = command.clientAddress();
        if (caller.isImpersonation()) {
            throw denied(AuditEvent.IMPERSONATION, caller, command.targetUserId(), address,
                    "caller used an impersonation token",
                    "A token minted on someone's behalf cannot mint further tokens.");
        }
        User actor = caller.isOperator() ? null : users.byId(caller.userId())
                .orElseThrow(() -> new AccessDeniedException("The caller no longer exists."));
        if (actor == null || !actor.hasAnyRole(MAY_IMPERSONATE)) {
            throw denied(AuditEvent.IMPERSONATION, caller, command.targetUserId(), address, "caller lacks the role",
                    "Minting a token for another user needs role admin or user-edit.");
        }
        User subject = users.byId(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        boolean self = subject.id() == actor.id();
        if (!self && (subject.hasAnyRole(MAY_IMPERSONATE) || !actor.roles().containsAll(subject.roles()))) {
            throw denied(AuditEvent.IMPERSONATION, caller, subject.id(), address, "target holds roles the caller"
                    + " may not act with", "This user holds roles you may not act with, so you cannot mint"
                    + " a token for them.");
        }
        if (subject.deactivated()) {
            throw new AccessDeniedException("The user is deactivated.");
        }
        Instant now = clock.instant();
        Duration validity = shorter(Duration.ofMinutes(command.minutes()), settings.portalTokenMaxLifetime());
        Instant expiresAt = now.plus(validity);
        String token = issuer.issueOnBehalf(subject, actor, now, expiresAt);
        audit.record(AuditEvent.IMPERSONATION, actor.id(), subject.id(), address, AuditEvent.SUCCESS,
                "valid for " + validity.toSeconds() + " s");
        return new IssuedToken(token, expiresAt);
    }

    @Override
    public User change(ChangeRoleUseCase.Command command) {
        String action = command.grant() ? AuditEvent.ROLE_GRANTED : AuditEvent.ROLE_REVOKED;
        requireAdmin(action, command.caller(), command.targetUserId(), command.clientAddress(),
                command.role().name(), "Changing roles needs role admin.");
        if (!command.grant() && command.role().equals(Role.ADMIN) && isSelf(command.caller(), command.targetUserId())) {
            throw new InvalidInputException("cannot_revoke_own_admin", "role",
                    "An administrator cannot revoke their own admin role.");
        }
        User target = users.byId(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        if (command.grant()) {
            accounts.grant(target.id(), command.role());
        } else if (!accounts.revoke(target.id(), command.role()) && target.roles().contains(command.role())) {
            throw ManagedByDirectoryException.managedByDirectory("role " + command.role().name());
        }
        audit.record(action, command.caller().realActor(), command.targetUserId(), command.clientAddress(),
                AuditEvent.SUCCESS, command.role().name());
        return users.byId(command.targetUserId()).orElseThrow();
    }

    @Override
    public User setActive(DeactivateUserUseCase.Command command) {
        String action = command.active() ? AuditEvent.USER_ACTIVATED : AuditEvent.USER_DEACTIVATED;
        requireAdmin(action, command.caller(), command.targetUserId(), command.clientAddress(), "caller lacks the role",
                "Deactivating users needs role admin.");
        if (isSelf(command.caller(), command.targetUserId())) {
            throw new InvalidInputException("cannot_deactivate_self", "id",
                    "An administrator cannot deactivate or reactivate themselves.");
        }
        users.byId(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        Instant now = clock.instant();
        if (command.active()) {
            accounts.reactivate(command.targetUserId());
        } else {
            accounts.deactivate(command.targetUserId(), now);
            int revoked = refreshTokens.revokeAllOfUser(command.targetUserId(), now);
            LOG.log(System.Logger.Level.INFO, "revoked " + revoked + " refresh token(s) of deactivated user "
                    + command.targetUserId());
        }
        audit.record(action, command.caller().realActor(), command.targetUserId(), command.clientAddress(),
                AuditEvent.SUCCESS, null);
        return users.byId(command.targetUserId()).orElseThrow();
    }

    @Override
    public List<AuditEntry> list(Caller caller, Long beforeId, int limit) {
        if (caller.isImpersonation() || caller.isOperator()
                || !users.byId(caller.userId()).map(u -> u.roles().contains(Role.ADMIN)).orElse(false)) {
            throw new AccessDeniedException("Reading the audit trail needs role admin.");
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidInputException("invalid_page", "limit",
                    "limit must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        if (beforeId != null && beforeId < 1) {
            throw new InvalidInputException("invalid_page", "before", "before must be the id of an event.");
        }
        return auditLog.newest(beforeId, limit);
    }

    /**
     * Lets the operator and administrators acting with their own credential through; refuses (and
     * audits under the real actor) everyone else, including an administrator's impersonation token.
     */
    private void requireAdmin(String action, Caller caller, long targetUserId, String clientAddress, String detail,
                              String message) {
        if (caller.isOperator()) {
            return;
        }
        if (caller.isImpersonation()) {
            throw denied(action, caller, targetUserId, clientAddress, "caller used an impersonation token",
                    "A token minted on someone's behalf cannot be used for administration.");
        }
        if (!users.byId(caller.userId()).map(u -> u.roles().contains(Role.ADMIN)).orElse(false)) {
            throw denied(action, caller, targetUserId, clientAddress, detail, message);
        }
    }

    private AccessDeniedException denied(String action, Caller caller, long targetUserId, String clientAddress,
                                         String detail, String message) {
        audit.record(action, caller.realActor(), targetUserId, clientAddress, AuditEvent.DENIED, detail);
        return new AccessDeniedException(message);
    }

    private static boolean isSelf(Caller caller, long targetUserId) {
        return !caller.isOperator() && caller.userId() == targetUserId;
    }

    static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
