package io.userservice.core.port.in;

import io.userservice.core.domain.SigningKeyStatus;
import java.util.List;

/**
 * The operator's view of the token signing keys: rotate to a new key, revoke one, list the stored ones.
 * Rotation is audited ({@code key rotation}). Running instances pick a rotation up within a minute,
 * and at once when they meet a token signed with the new key.
 */
public interface ManageSigningKeysUseCase {

    /**
     * Adds a new key that signs from now on; the previous one keeps verifying, and stays in the
     * JWKS, until every token it can have signed has expired.
     *
     * @param actor who rotates, for the audit trail (e.g. {@code command line})
     * @return the new key
     */
    SigningKeyStatus rotate(String actor);

    /**
     * Revokes a key whose private key may have leaked: within the key re-read interval (a minute)
     * every instance stops accepting tokens it signed and drops it from the JWKS. A revoked active
     * key is replaced by a new one first. Audited ({@code key revocation}).
     *
     * @param actor who revokes, for the audit trail
     * @return false when there is no such key or it was revoked already
     */
    boolean revoke(String keyId, String actor);

    /** Every stored key, oldest first. */
    List<SigningKeyStatus> list();
}
