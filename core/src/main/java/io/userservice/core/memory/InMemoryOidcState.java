package io.userservice.core.memory;

import io.userservice.core.port.out.OidcState;

/** The OpenID Connect provider's state in memory. */
public final class InMemoryOidcState {

    private InMemoryOidcState() {
    }

    public static OidcState create() {
        return new OidcState(new InMemoryOidcClients(), new InMemoryAuthorizationCodes(), new InMemoryOidcGrants(),
                new InMemoryOidcConsents());
    }
}
