package io.userservice.core.port.in;

import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;

/** A fresh portal-capable access token for an already authenticated user (the seed's {@code AccessToken}). */
public interface MintPortalTokenUseCase {

    /** @throws io.userservice.core.domain.InvalidTokenException when the user no longer exists */
    IssuedToken mint(long userId);
}
