package io.userservice.core.port.out;

import java.util.Objects;

/** The passkeys' state, as one bundle a store hands over. */
public record PasskeyState(PasskeyPort passkeys, PasskeyChallengePort challenges) {

    public PasskeyState {
        Objects.requireNonNull(passkeys, "passkeys");
        Objects.requireNonNull(challenges, "challenges");
    }
}
