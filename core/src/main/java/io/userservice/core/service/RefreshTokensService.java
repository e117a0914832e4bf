package io.userservice.core.service;

import io.userservice.core.domain.TokenPair;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.out.OidcGrantPort;

/**
 * The native API's refresh: rotation with reuse detection (see {@link RefreshRotation}) of the
 * native API's own families; a family granted to an OpenID Connect client is refreshed only by
 * that client, at the token endpoint.
 */
final class RefreshTokensService implements RefreshTokensUseCase {

    private final RefreshRotation rotation;
    private final TokenIssuance tokens;
    private final OidcGrantPort grants;

    RefreshTokensService(RefreshRotation rotation, TokenIssuance tokens, OidcGrantPort grants) {
        this.rotation = rotation;
        this.tokens = tokens;
        this.grants = grants;
    }

    @Override
    public TokenPair refresh(Command command) {
        RefreshRotation.Rotated rotated = rotation.rotate(command.refreshToken(), command.clientAddress(),
                token -> grants.find(token.familyId()).isEmpty());
        return tokens.withAccessToken(rotated.user(), rotated.at(), rotated.successor());
    }
}
