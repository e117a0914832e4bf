package io.userservice.core.port.in;

import io.userservice.core.domain.TokenPair;

/** Exchanges a refresh token for a new access token and a rotated refresh token. */
public interface RefreshTokensUseCase {

    TokenPair refresh(Command command);

    record Command(String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[***]";
        }
    }
}
