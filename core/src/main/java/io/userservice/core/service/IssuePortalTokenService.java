package io.userservice.core.service;

import io.userservice.core.domain.User;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

final class IssuePortalTokenService implements IssuePortalTokenUseCase {

    private final Credentials credentials;
    private final AccessTokenIssuer issuer;
    private final Clock clock;

    IssuePortalTokenService(Credentials credentials, AccessTokenIssuer issuer, Clock clock) {
        this.credentials = credentials;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public IssuedToken issue(Command command) {
        User user = credentials.verify(command.email(), command.password());
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofMinutes(command.minutes()));
        return new IssuedToken(issuer.issue(user, now, expiresAt, true), expiresAt);
    }
}
