package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;
import io.userservice.core.port.in.MintPortalTokenUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code /user/me}'s token: never outliving the credential that minted it, never for an impersonation token. */
final class MintPortalTokenService implements MintPortalTokenUseCase {

    private final Users users;
    private final AccessTokenIssuer issuer;
    private final Clock clock;
    private final CoreSettings settings;
    private final AuditTrail audit;

    MintPortalTokenService(Users users, AccessTokenIssuer issuer, Clock clock, CoreSettings settings,
                           AuditTrail audit) {
        this.users = users;
        this.issuer = issuer;
        this.clock = clock;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public IssuedToken mint(Command command) {
        if (command.caller().isImpersonation()) {
            audit.record(AuditAction.PORTAL_TOKEN_MINTED, command.caller().auditActor(), command.caller().userId(),
                    command.clientAddress(), Outcome.DENIED, "caller used an impersonation token");
            throw new AccessDeniedException("A token minted on someone's behalf cannot mint further tokens.");
        }
        Instant now = clock.instant();
        User user = users.byId(command.caller().userId())
                .filter(u -> u.accepts(now, command.epoch()))
                .orElseThrow(() -> new InvalidTokenException("The credential no longer speaks for its user."));
        Instant expiresAt = now.plus(settings.portalTokenMaxLifetime());
        if (command.credentialExpiresAt() != null && command.credentialExpiresAt().isBefore(expiresAt)) {
            expiresAt = command.credentialExpiresAt();
        }
        if (!expiresAt.isAfter(now)) {
            throw new InvalidTokenException("The access token has expired.");
        }
        IssuedToken token = new IssuedToken(issuer.issue(user, now, expiresAt, true), expiresAt);
        audit.self(AuditAction.PORTAL_TOKEN_MINTED, user.id(), command.clientAddress(), Outcome.SUCCESS,
                "valid for " + Duration.between(now, expiresAt).toSeconds() + " s");
        return token;
    }
}
