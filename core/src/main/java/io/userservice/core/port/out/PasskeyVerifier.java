package io.userservice.core.port.out;

import io.userservice.core.domain.InvalidPasskeyException;

/**
 * Checks the WebAuthn ceremonies' responses for the one relying party the service is: its id and
 * origin come from the service's public URL, never from a request. Every method throws
 * {@link InvalidPasskeyException} for a response it cannot read or that does not check out.
 */
public interface PasskeyVerifier {

    /** The relying party id (the public URL's host). */
    String rpId();

    /** The challenge a registration response's client data names; not yet checked. */
    byte[] registrationChallengeOf(String responseJson);

    /**
     * Verifies a registration response ({@code PublicKeyCredential} JSON of
     * {@code navigator.credentials.create}) against the challenge the service issued: type, origin,
     * relying party id hash, user presence and verification, the attestation (format {@code none}
     * accepted) and the credential's public key.
     */
    NewCredential verifyRegistration(String responseJson, byte[] challenge);

    /** The credential id, user handle and challenge an assertion names; not yet checked. */
    AssertionClaim readAssertion(String responseJson);

    /**
     * Verifies an assertion ({@code navigator.credentials.get}) against the challenge the service
     * issued and the stored credential: type, origin, relying party id hash, user presence and
     * verification, signature, and the signature counter.
     *
     * @return the authenticator's new signature counter
     * @throws ClonedAuthenticatorException when the counter did not increase though one of the
     *                                      two is non-zero
     */
    long verifyAssertion(String responseJson, byte[] challenge, byte[] credentialRecord, long storedCount);

    /** A credential that passed registration. */
    record NewCredential(byte[] credentialId, byte[] credentialRecord, long signCount) {
    }

    /** What an assertion claims, before it is verified; {@code userHandle} may be null. */
    record AssertionClaim(byte[] credentialId, byte[] userHandle, byte[] challenge) {
    }

    /** An assertion whose counter shows the credential was copied to a second authenticator. */
    final class ClonedAuthenticatorException extends InvalidPasskeyException {
        private static final long serialVersionUID = 1L;

        private final long storedCount;
        private final long presentedCount;

        public ClonedAuthenticatorException(long storedCount, long presentedCount) {
            this.storedCount = storedCount;
            this.presentedCount = presentedCount;
        }

        public long storedCount() {
            return storedCount;
        }

        public long presentedCount() {
            return presentedCount;
        }
    }
}
