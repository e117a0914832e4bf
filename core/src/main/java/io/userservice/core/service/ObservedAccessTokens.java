package io.userservice.core.service;

import io.userservice.core.domain.User;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.TokenKind;
import java.time.Instant;

/** Tells the observer of each access token issued: a plain, a portal-capable or an impersonation token. */
final class ObservedAccessTokens implements AccessTokenIssuer {

    private final AccessTokenIssuer delegate;
    private final ServiceObserver observer;

    ObservedAccessTokens(AccessTokenIssuer delegate, ServiceObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public String issue(User user, Instant issuedAt, Instant expiresAt, boolean portalLogin) {
        String token = delegate.issue(user, issuedAt, expiresAt, portalLogin);
        observer.tokenIssued(portalLogin ? TokenKind.PORTAL : TokenKind.ACCESS);
        return token;
    }

    @Override
    public String issueAtSignIn(User user, Instant issuedAt, Instant expiresAt) {
        String token = delegate.issueAtSignIn(user, issuedAt, expiresAt);
        observer.tokenIssued(TokenKind.ACCESS);
        return token;
    }

    @Override
    public String issueOnBehalf(User subject, User actor, Instant issuedAt, Instant expiresAt) {
        String token = delegate.issueOnBehalf(subject, actor, issuedAt, expiresAt);
        observer.tokenIssued(TokenKind.IMPERSONATION);
        return token;
    }

    @Override
    public String issueForClient(User user, String clientId, String scope, String grantId, Instant issuedAt,
                                 Instant expiresAt) {
        String token = delegate.issueForClient(user, clientId, scope, grantId, issuedAt, expiresAt);
        observer.tokenIssued(TokenKind.ACCESS);
        return token;
    }

    @Override
    public String publicKeySetJson() {
        return delegate.publicKeySetJson();
    }
}
