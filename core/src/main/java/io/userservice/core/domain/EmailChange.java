package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A requested change of a user's email, waiting for the code mailed to the new address. The code
 * itself is a {@link SingleUseCode} of purpose {@link CodePurpose#CHANGE_EMAIL}; this names the
 * address it confirms, under the same code hash.
 */
public record EmailChange(String codeHash, long userId, Email newEmail, Instant expiresAt) {

    public EmailChange {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(newEmail, "newEmail");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "EmailChange[user=" + userId + "]";
    }
}
