package io.userservice.core.port.out;

import java.util.Objects;

/** The OpenID Connect provider's state, as one bundle a store hands over. */
public record OidcState(OidcClientPort clients, AuthorizationCodePort codes, OidcGrantPort grants,
                        OidcConsentPort consents) {

    public OidcState {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(consents, "consents");
    }
}
