package io.userservice.core.service;

import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.out.OidcGrantPort;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.RefreshOutcome;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The native API's refresh: rotation with reuse detection (see {@link RefreshRotation}) of the
 * native API's own families; a family granted to an OpenID Connect client is refreshed only by
 * that client, at the token endpoint.
 */
final class RefreshTokensService implements RefreshTokensUseCase {

    private final RefreshRotation rotation;
    private final TokenIssuance tokens;
    private final OidcGrantPort grants;
    private final ServiceObserver observer;

    RefreshTokensService(RefreshRotation rotation, TokenIssuance tokens,
                         OidcGrantPort grants, ServiceObserver observer) {
        this.rotation = rotation;
        this.tokens = tokens;
        this.grants = grants;
        this.observer = observer;
    }

    @Override
    public TokenPair refresh(Command command) {
        AtomicReference<RefreshOutcome> outcome = new AtomicReference<>(RefreshOutcome.INVALID);
        try {
            RefreshRotation.Rotated rotated = rotation.rotate(command.refreshToken(), command.clientAddress(),
                    token -> grants.find(token.familyId()).isEmpty(),
                    family -> outcome.set(RefreshOutcome.REUSE_DETECTED),
                    SessionClient.of(command.clientAddress(), command.userAgent()));
            if (rotated.fresh()) {
                observer.tokenIssued(ServiceObserver.TokenKind.REFRESH);
            }
            TokenPair pair = tokens.withAccessToken(rotated.user(), rotated.at(), rotated.successor());
            outcome.set(RefreshOutcome.SUCCESS);
            return pair;
        } finally {
            observer.refresh(outcome.get());
        }
    }
}
