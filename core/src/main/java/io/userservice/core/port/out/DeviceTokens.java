package io.userservice.core.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Device tokens: proof, kept by a browser (a cookie) or an app, that it once signed in to an
 * account with the right password. While someone else is guessing that account's password, a
 * sign-in that presents one is judged by its own failures instead of the account's, so the owner
 * is not locked out by the attacker (the "device cookies" defence). A device token is of its own
 * kind: it is never accepted as any other token, and no other token is accepted as one.
 */
public interface DeviceTokens {

    /**
     * A device token for the account with this key (a digest of its normalized email), naming the
     * device by {@code deviceId}; null when this implementation issues none.
     */
    String issue(String accountKey, String deviceId, Instant issuedAt, Instant expiresAt);

    /**
     * The device id of {@code token} when it is a valid, unexpired device token issued by this
     * service for exactly this account; empty for anything else.
     */
    Optional<String> deviceOf(String token, String accountKey);

    /** Issues nothing and recognizes nothing: every sign-in is judged by the account's failures. */
    static DeviceTokens none() {
        return new DeviceTokens() {
            @Override
            public String issue(String accountKey, String deviceId, Instant issuedAt, Instant expiresAt) {
                return null;
            }

            @Override
            public Optional<String> deviceOf(String token, String accountKey) {
                return Optional.empty();
            }
        };
    }
}
