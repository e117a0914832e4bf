package io.userservice.core.domain;

import java.time.Instant;

/** A signed access token with its expiry, and the opaque refresh token issued with it. */
public record TokenPair(String accessToken, Instant accessTokenExpiresAt, String refreshToken) {

    @Override
    public String toString() {
        return "TokenPair[expiresAt=" + accessTokenExpiresAt + "]";
    }
}
