package io.userservice.core.port.in;

import io.userservice.core.domain.TokenPair;

/** Exchanges a refresh token for a new access token and a rotated refresh token. */
public interface RefreshTokensUseCase {

    TokenPair refresh(Command command);

    /** @param clientAddress the caller's client address, or null when there is none (embedded use), for the audit of a detected reuse */
    record Command(String refreshToken, String clientAddress) {

        /** A refresh without a client address. */
        public Command(String refreshToken) {
            this(refreshToken, null);
        }

        @Override
        public String toString() {
            return "Refresh[***]";
        }
    }
}
