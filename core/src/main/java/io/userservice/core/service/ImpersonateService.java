package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Minting a token on another user's behalf: only for a user whose roles the caller holds too and
 * who cannot mint tokens themselves, never with a token that was itself minted on someone's
 * behalf, and for no longer than portal tokens may live.
 */
final class ImpersonateService implements ImpersonateUseCase {

    /** The roles that may mint tokens for others; their holders can never be impersonated. */
    private static final Set<Role> MAY_IMPERSONATE = Set.of(Role.ADMIN, Role.USER_EDIT);

    private final Users users;
    private final Administrators administrators;
    private final AuditTrail audit;
    private final AccessTokenIssuer issuer;
    private final Clock clock;
    private final CoreSettings settings;

    ImpersonateService(Users users, Administrators administrators, AuditTrail audit, AccessTokenIssuer issuer,
                       Clock clock, CoreSettings settings) {
        this.users = users;
        this.administrators = administrators;
        this.audit = audit;
        this.issuer = issuer;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public IssuedToken impersonate(Command command) {
        Caller caller = command.caller();
        ClientAddress address = command.clientAddress();
        if (caller.isImpersonation()) {
            throw administrators.denied(AuditAction.IMPERSONATION, caller, command.targetUserId(), address,
                    "caller used an impersonation token",
                    "A token minted on someone's behalf cannot mint further tokens.");
        }
        User actor = caller.isOperator() ? null : users.byId(caller.userId())
                .orElseThrow(() -> new AccessDeniedException("The caller no longer exists."));
        if (actor == null || !actor.hasAnyRole(MAY_IMPERSONATE)) {
            throw administrators.denied(AuditAction.IMPERSONATION, caller, command.targetUserId(), address,
                    "caller lacks the role", "Minting a token for another user needs role admin or user-edit.");
        }
        User subject = users.byId(command.targetUserId())
                .orElseThrow(() -> new NotFoundException("user_not_found", "There is no user with this id."));
        boolean self = subject.id() == actor.id();
        if (!self && (subject.hasAnyRole(MAY_IMPERSONATE) || !actor.roles().containsAll(subject.roles()))) {
            throw administrators.denied(AuditAction.IMPERSONATION, caller, subject.id(), address,
                    "target holds roles the caller may not act with",
                    "This user holds roles you may not act with, so you cannot mint a token for them.");
        }
        if (subject.deactivated()) {
            throw new AccessDeniedException("The user is deactivated.");
        }
        Instant now = clock.instant();
        Duration validity = shorter(Duration.ofMinutes(command.minutes()), settings.portalTokenMaxLifetime());
        Instant expiresAt = now.plus(validity);
        String token = issuer.issueOnBehalf(subject, actor, now, expiresAt);
        audit.record(AuditAction.IMPERSONATION, Actor.user(actor.id()), subject.id(), address, Outcome.SUCCESS,
                "valid for " + validity.toSeconds() + " s");
        return new IssuedToken(token, expiresAt);
    }

    static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
