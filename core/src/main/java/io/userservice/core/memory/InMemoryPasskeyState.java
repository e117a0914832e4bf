package io.userservice.core.memory;

import io.userservice.core.port.out.PasskeyState;

/** The passkeys' state in memory. */
public final class InMemoryPasskeyState {

    private InMemoryPasskeyState() {
    }

    public static PasskeyState create() {
        return new PasskeyState(new InMemoryPasskeys(), new InMemoryPasskeyChallenges());
    }
}
