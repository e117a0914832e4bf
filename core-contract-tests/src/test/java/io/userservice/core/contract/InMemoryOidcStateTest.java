package io.userservice.core.contract;

import io.userservice.core.memory.InMemoryOidcState;
import io.userservice.core.port.out.OidcState;

/** The OpenID Connect state contract on the in-memory stores the core ships. */
class InMemoryOidcStateTest extends OidcStateContract {

    @Override
    protected OidcState newState() {
        return InMemoryOidcState.create();
    }
}
