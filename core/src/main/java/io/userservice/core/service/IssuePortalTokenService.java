package io.userservice.core.service;

import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.in.MintPortalTokenUseCase;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.AccessTokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Portal-capable tokens and the plain credential check, which share how a user is recognized.
 */
final class IssuePortalTokenService implements IssuePortalTokenUseCase, MintPortalTokenUseCase,
        VerifyCredentialsUseCase {

    private final Credentials credentials;
    private final LoadUserPort loadUsers;
    private final AccessTokenIssuer issuer;
    private final Clock clock;

    IssuePortalTokenService(Credentials credentials, LoadUserPort loadUsers, AccessTokenIssuer issuer, Clock clock) {
        this.credentials = credentials;
        this.loadUsers = loadUsers;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public IssuedToken issue(Command command) {
        return tokenFor(credentials.verify(command.email(), command.password(), command.clientAddress()),
                command.minutes());
    }

    @Override
    public IssuedToken mint(long userId) {
        User user = loadUsers.findById(userId)
                .orElseThrow(() -> new InvalidTokenException("The user of this token no longer exists."));
        return tokenFor(user, DEFAULT_VALIDITY_MINUTES);
    }

    @Override
    public User verify(String email, String password, String clientAddress) {
        return credentials.verify(email, password, clientAddress);
    }

    private IssuedToken tokenFor(User user, int minutes) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofMinutes(minutes));
        return new IssuedToken(issuer.issue(user, now, expiresAt, true), expiresAt);
    }
}
