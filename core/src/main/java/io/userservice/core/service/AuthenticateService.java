package io.userservice.core.service;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.port.in.AuthenticateUseCase;
import io.userservice.core.port.out.AccessTokenVerifier;

final class AuthenticateService implements AuthenticateUseCase {

    private final AccessTokenVerifier verifier;

    AuthenticateService(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public AccessTokenClaims authenticate(String bearerToken) {
        return verifier.verify(bearerToken);
    }
}
