package io.userservice.core.port.in;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.SigningKeyStatus;

/**
 * Adds a new signing key that signs from now on, for the operator; the previous one keeps
 * verifying, and stays in the JWKS, until every token it can have signed has expired. Running
 * instances pick a rotation up within a minute, and at once when they meet a token signed with
 * the new key. Audited ({@code key rotation}).
 */
public interface RotateSigningKeyUseCase {

    /** @param actor who rotates, for the audit trail (e.g. {@link Actor#commandLine()}); returns the new key */
    SigningKeyStatus rotate(Actor actor);
}
