package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
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
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.SaveUserPort;
import io.userservice.core.port.out.UserRolesPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What administrators do to other users: impersonate, change roles, deactivate, read the audit
 * trail. They share the rule that permissions come from the stored roles and every act is audited.
 */
final class AdministrationService implements ImpersonateUseCase, ChangeRoleUseCase, DeactivateUserUseCase,
        ListAuditEventsUseCase {

    private static final System.Logger LOG = System.getLogger(AdministrationService.class.getName());
    private static final Set<Role> MAY_IMPERSONATE = Set.of(Role.ADMIN, Role.USER_EDIT);

    private final LoadUserPort loadUsers;
    private final UserRolesPort roles;
    private final SaveUserPort saveUsers;
    private final RefreshTokenPort refreshTokens;
    private final AuditLogPort auditLog;
    private final AuditTrail audit;
    private final AccessTokenIssuer issuer;
    private final Clock clock;

    AdministrationService(LoadUserPort loadUsers, UserRolesPort roles, SaveUserPort saveUsers,
                          RefreshTokenPort refreshTokens, AuditLogPort auditLog, AuditTrail audit,
                          AccessTokenIssuer issuer, Clock clock) {
        this.loadUsers = loadUsers;
        this.roles = roles;
        this.saveUsers = saveUsers;
        this.refreshTokens = refreshTokens;
        this.auditLog = auditLog;
        this.audit = audit;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public IssuedToken impersonate(ImpersonateUseCase.Command command) {
        User caller = loadUsers.findById(command.callerId())
                .orElseThrow(() -> new AccessDeniedException("The caller no longer exists."));
        if (command.callerImpersonates() || !caller.hasAnyRole(MAY_IMPERSONATE)) {
            audit.record(AuditEvent.IMPERSONATION, caller.id(), command.targetUserId(), command.clientAddress(),
                    AuditEvent.DENIED, command.callerImpersonates() ? "caller used an impersonation token" : "caller lacks the role");
            throw new AccessDeniedException(command.callerImpersonates()
                    ? "A token minted on someone's behalf cannot mint further tokens."
                    : "Minting a token for another user needs role admin or user-edit.");
        }
        User subject = loadUsers.findById(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        if (subject.deactivated()) {
            throw new AccessDeniedException("The user is deactivated.");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofMinutes(command.minutes()));
        String token = issuer.issueOnBehalf(subject, caller, now, expiresAt);
        audit.record(AuditEvent.IMPERSONATION, caller.id(), subject.id(), command.clientAddress(),
                AuditEvent.SUCCESS, "valid for " + command.minutes() + " min");
        return new IssuedToken(token, expiresAt);
    }

    @Override
    public User change(ChangeRoleUseCase.Command command) {
        String action = command.grant() ? AuditEvent.ROLE_GRANTED : AuditEvent.ROLE_REVOKED;
        if (command.callerId() != null) {
            boolean isAdmin = loadUsers.findById(command.callerId()).map(u -> u.roles().contains(Role.ADMIN))
                    .orElse(false);
            if (!isAdmin) {
                audit.record(action, command.callerId(), command.targetUserId(), command.clientAddress(),
                        AuditEvent.DENIED, command.role().name());
                throw new AccessDeniedException("Changing roles needs role admin.");
            }
            if (!command.grant() && command.role().equals(Role.ADMIN) && command.callerId() == command.targetUserId()) {
                throw new InvalidInputException("cannot_revoke_own_admin", "role",
                        "An administrator cannot revoke their own admin role.");
            }
        }
        loadUsers.findById(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        if (command.grant()) {
            roles.grant(command.targetUserId(), command.role());
        } else {
            roles.revoke(command.targetUserId(), command.role());
        }
        audit.record(action, command.callerId(), command.targetUserId(), command.clientAddress(), AuditEvent.SUCCESS,
                command.role().name());
        return loadUsers.findById(command.targetUserId()).orElseThrow();
    }

    @Override
    public User setActive(DeactivateUserUseCase.Command command) {
        String action = command.active() ? AuditEvent.USER_ACTIVATED : AuditEvent.USER_DEACTIVATED;
        if (command.callerId() != null) {
            boolean isAdmin = loadUsers.findById(command.callerId()).map(u -> u.roles().contains(Role.ADMIN))
                    .orElse(false);
            if (!isAdmin) {
                audit.record(action, command.callerId(), command.targetUserId(), command.clientAddress(),
                        AuditEvent.DENIED, "caller lacks the role");
                throw new AccessDeniedException("Deactivating users needs role admin.");
            }
            if (command.callerId() == command.targetUserId()) {
                throw new InvalidInputException("cannot_deactivate_self", "id",
                        "An administrator cannot deactivate or reactivate themselves.");
            }
        }
        loadUsers.findById(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        Instant now = clock.instant();
        if (command.active()) {
            saveUsers.reactivate(command.targetUserId(), now);
        } else {
            saveUsers.deactivate(command.targetUserId(), now);
            int revoked = refreshTokens.revokeAllOfUser(command.targetUserId(), now);
            LOG.log(System.Logger.Level.INFO, "revoked " + revoked + " refresh token(s) of deactivated user "
                    + command.targetUserId());
        }
        audit.record(action, command.callerId(), command.targetUserId(), command.clientAddress(), AuditEvent.SUCCESS,
                null);
        return loadUsers.findById(command.targetUserId()).orElseThrow();
    }

    @Override
    public List<AuditEntry> list(long callerId, Long beforeId, int limit) {
        boolean isAdmin = loadUsers.findById(callerId).map(u -> u.roles().contains(Role.ADMIN)).orElse(false);
        if (!isAdmin) {
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
}
