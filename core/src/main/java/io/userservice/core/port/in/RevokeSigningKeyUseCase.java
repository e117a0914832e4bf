package io.userservice.core.port.in;

import io.userservice.core.domain.Actor;
import java.util.Objects;

/**
 * Revokes a signing key whose private key may have leaked, for the operator: within the key
 * re-read interval (a minute) every instance stops accepting tokens it signed and drops it from
 * the JWKS. A revoked active key is replaced by a new one first. Audited ({@code key revocation}).
 */
public interface RevokeSigningKeyUseCase {

    /** @return false when there is no such key or it was revoked already */
    boolean revoke(Command command);

    /** @param actor who revokes, for the audit trail */
    record Command(String keyId, Actor actor) {

        public Command {
            Objects.requireNonNull(actor, "actor");
        }
    }
}
