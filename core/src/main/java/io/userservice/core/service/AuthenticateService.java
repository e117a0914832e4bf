package io.userservice.core.service;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.port.in.AuthenticateUseCase;
import io.userservice.core.port.out.AccessTokenVerifier;

/** Verifies the token, then checks that it still speaks for its user (see {@link TokenHolders}). */
final class AuthenticateService implements AuthenticateUseCase {

    private final AccessTokenVerifier verifier;
    private final TokenHolders holders;

    AuthenticateService(AccessTokenVerifier verifier, TokenHolders holders) {
        this.verifier = verifier;
        this.holders = holders;
    }

    @Override
    public AccessTokenClaims authenticate(String bearerToken) {
        return authenticateHolder(bearerToken).claims();
    }

    @Override
    public Holder authenticateHolder(String bearerToken) {
        AccessTokenClaims claims = verifier.verify(bearerToken);
        return new Holder(claims, holders.holderOf(claims));
    }
}
