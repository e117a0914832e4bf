package io.userservice.core.service;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.in.MintPortalTokenUseCase;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Portal-capable tokens and the plain credential check, which share how a user is recognized.
 * No portal-capable token lives longer than the configured maximum, and one minted from another
 * credential never outlives it.
 */
final class IssuePortalTokenService implements IssuePortalTokenUseCase, MintPortalTokenUseCase,
        VerifyCredentialsUseCase {

    private final Credentials credentials;
    private final Users users;
    private final AccessTokenIssuer issuer;
    private final Clock clock;
    private final CoreSettings settings;
    private final AuditTrail audit;

    IssuePortalTokenService(Credentials credentials, Users users, AccessTokenIssuer issuer, Clock clock,
                            CoreSettings settings, AuditTrail audit) {
        this.credentials = credentials;
        this.users = users;
        this.issuer = issuer;
        this.clock = clock;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public IssuedToken issue(IssuePortalTokenUseCase.Command command) {
        User user = credentials.verify(command.email(), command.password(), command.clientAddress());
        Instant now = clock.instant();
        return tokenFor(user, now, now.plus(AdministrationService.shorter(Duration.ofMinutes(command.minutes()),
                settings.portalTokenMaxLifetime())));
    }

    @Override
    public IssuedToken mint(MintPortalTokenUseCase.Command command) {
        if (command.caller().isImpersonation()) {
            audit.record(AuditEvent.PORTAL_TOKEN_MINTED, command.caller().realActor(), command.caller().userId(),
                    command.clientAddress(), AuditEvent.DENIED, "caller used an impersonation token");
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
        IssuedToken token = tokenFor(user, now, expiresAt);
        audit.self(AuditEvent.PORTAL_TOKEN_MINTED, user.id(), command.clientAddress(), AuditEvent.SUCCESS,
                "valid for " + Duration.between(now, expiresAt).toSeconds() + " s");
        return token;
    }

    @Override
    public User verify(String email, String password, String clientAddress) {
        return credentials.verify(email, password, clientAddress);
    }

    private IssuedToken tokenFor(User user, Instant now, Instant expiresAt) {
        return new IssuedToken(issuer.issue(user, now, expiresAt, true), expiresAt);
    }
}
