package io.userservice.core.domain;

import java.time.Duration;
import java.util.List;

/**
 * What a browser needs to create a passkey (WebAuthn {@code PublicKeyCredentialCreationOptions}):
 * user verification is required, a discoverable credential is preferred and no attestation is asked for.
 *
 * @param rpId                  the relying party id: the host of the service's public URL
 * @param rpName                the name shown for the relying party
 * @param challenge             the challenge, unpadded base64url
 * @param userHandle            the user's opaque WebAuthn handle, unpadded base64url (never their email or id)
 * @param userName              the name the authenticator shows for the account (the email)
 * @param userDisplayName       a friendlier name for it
 * @param excludeCredentialIds  the user's registered credential ids (unpadded base64url), so an
 *                              authenticator is not registered twice
 * @param timeout               how long the challenge lives
 */
public record PasskeyCreationOptions(String rpId, String rpName, String challenge, String userHandle, String userName,
                                     String userDisplayName, List<String> excludeCredentialIds, Duration timeout) {

    public PasskeyCreationOptions {
        excludeCredentialIds = List.copyOf(excludeCredentialIds);
    }
}
