package io.userservice.core.contract;

import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.port.out.PasskeyState;

/** The passkey state contract on the in-memory stores the core ships. */
class InMemoryPasskeyStateTest extends PasskeyStateContract {

    @Override
    protected PasskeyState newState() {
        return InMemoryPasskeyState.create();
    }
}
