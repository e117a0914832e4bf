package io.userservice.core.service;

import io.userservice.core.domain.User;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;


/** The Nexudus token endpoint: a portal-capable token for email and password, living at most the configured maximum. */
final class IssuePortalTokenService implements IssuePortalTokenUseCase {

    private final Credentials credentials;
    private final AccessTokenIssuer issuer;
    private final Clock clock;
    private final CoreSettings settings;

    IssuePortalTokenService(Credentials credentials, AccessTokenIssuer issuer, Clock clock, CoreSettings settings) {
        this.credentials = credentials;
        this.issuer = issuer;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public IssuedToken issue(Command command) {
        User user = credentials.verify(command.email(), command.password(), command.clientAddress(),
                ServiceObserver.SignInChannel.NEXUDUS);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ImpersonateService.shorter(Duration.ofMinutes(command.minutes()),
                settings.portalTokenMaxLifetime()));
        return new IssuedToken(issuer.issue(user, now, expiresAt, true), expiresAt);
    }
}
