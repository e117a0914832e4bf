package io.userservice.core.service;

import io.userservice.core.port.in.PublishKeysUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;

final class PublishKeysService implements PublishKeysUseCase {

    private final AccessTokenIssuer issuer;

    PublishKeysService(AccessTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public String publicKeySetJson() {
        return issuer.publicKeySetJson();
    }
}
