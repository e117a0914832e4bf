package io.userservice.core.domain;

import java.time.Duration;
import java.util.List;

/**
 * What a browser needs to sign in with a passkey (WebAuthn {@code PublicKeyCredentialRequestOptions}),
 * user verification required.
 *
 * @param rpId               the relying party id
 * @param challenge          the challenge, unpadded base64url
 * @param allowCredentialIds credential ids (unpadded base64url) the browser may use; empty lets
 *                           it offer any discoverable credential of this relying party
 * @param timeout            how long the challenge lives
 */
public record PasskeyRequestOptions(String rpId, String challenge, List<String> allowCredentialIds, Duration timeout) {

    public PasskeyRequestOptions {
        allowCredentialIds = List.copyOf(allowCredentialIds);
    }
}
