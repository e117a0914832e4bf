package io.userservice.core.service;

import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.out.OidcGrantPort;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.RefreshOutcome;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The native API's refresh: rotation with reuse detection (see {@link RefreshRotation}) of the
 * native API's own families; a family granted to an OpenID Connect client is refreshed only by
 * that client, at the token endpoint.
 *
 * <p>Whether a family is a client's is looked up once per family on this instance: a client's
 * grant is saved in the transaction that starts its family ({@link OidcTokenService}), and no
 * grant is ever saved for a family that exists, so a family found without a grant stays the native
 * API's own. Only that answer is remembered, for up to {@value #OWN_FAMILIES} families (a tenth of
 * them dropped when full); a family found with a grant is looked up every time.
 */
final class RefreshTokensService implements RefreshTokensUseCase {

    static final int OWN_FAMILIES = 10_000;

    private final Set<UUID> ownFamilies = ConcurrentHashMap.newKeySet();

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
                    this::isOwn,
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

    /** Whether the token's family is the native API's own, not a client's grant. */
    private boolean isOwn(RefreshToken token) {
        UUID family = token.familyId();
        if (ownFamilies.contains(family)) {
            return true;
        }
        if (grants.find(family).isPresent()) {
            return false;
        }
        Bounded.makeRoom(ownFamilies, OWN_FAMILIES);
        ownFamilies.add(family);
        return true;
    }
}
