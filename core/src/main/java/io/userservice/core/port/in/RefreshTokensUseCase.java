package io.userservice.core.port.in;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.TokenPair;
import java.util.Objects;

/** Exchanges a refresh token for a new access token and a rotated refresh token. */
public interface RefreshTokensUseCase {

    TokenPair refresh(Command command);

    /**
     * @param clientAddress the caller's client address, or {@link ClientAddress#unknown()} when there is none
     *                      (embedded use), for the audit of a detected reuse and the session's last use
     * @param userAgent     the client's {@code User-Agent}, or null, for the session's last use
     */
    record Command(String refreshToken, ClientAddress clientAddress, String userAgent) {

        public Command {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        /** A refresh without a known user agent. */
        public Command(String refreshToken, ClientAddress clientAddress) {
            this(refreshToken, clientAddress, null);
        }

        @Override
        public String toString() {
            return "Refresh[***]";
        }
    }
}
