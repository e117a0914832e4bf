package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's authenticator (RFC 6238 TOTP) as stored: the shared secret (sealed under the
 * key-encryption key when one is configured), whether the enrolment was confirmed, and the last
 * time step whose code was accepted (codes of that step and earlier never work again).
 *
 * @param enabledAt when the user confirmed the enrolment with a code, or null while it is pending
 */
public record TotpFactor(long userId, String storedSecret, Instant createdAt, Instant enabledAt, long lastUsedStep) {

    public TotpFactor {
        Objects.requireNonNull(storedSecret, "storedSecret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the user confirmed the enrolment: the factor then guards every sign-in. */
    public boolean enabled() {
        return enabledAt != null;
    }

    @Override
    public String toString() {
        return "TotpFactor[user " + userId + (enabled() ? ", on" : ", pending") + "]";
    }
}
