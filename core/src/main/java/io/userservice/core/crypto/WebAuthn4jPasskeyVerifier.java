package io.userservice.core.crypto;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.port.out.PasskeyVerifier;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The WebAuthn checks done by webauthn4j, for the relying party of one public URL: its host is the
 * relying party id and its scheme, host and port the only origin accepted. Attestation statements
 * are read but not judged against any trust anchor (the service asks for {@code none}); what
 * matters is the credential's public key, bound to the user by the registration ceremony.
 */
public final class WebAuthn4jPasskeyVerifier implements PasskeyVerifier {

    /** The largest response read, in characters; real responses are a few kilobytes. */
    static final int MAX_RESPONSE_LENGTH = 64 * 1024;

    /**
     * webauthn4j and the JSON and CBOR readers it brings (about 800 classes), made on the first
     * ceremony or by {@link #prepare()}, once for every verifier: the manager holds no relying
     * party, each check is given its own.
     */
    private static final class Webauthn4j {
        static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
                new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
                new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
                new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
        static final WebAuthnManager MANAGER;
        static final AttestedCredentialDataConverter CREDENTIALS;

        static {
            ObjectConverter converter = new ObjectConverter();
            MANAGER = WebAuthnManager.createNonStrictWebAuthnManager(converter);
            CREDENTIALS = new AttestedCredentialDataConverter(converter);
        }

        private Webauthn4j() {
        }
    }

    private final String rpId;
    private final Origin origin;

    /** A verifier for the service reached at {@code publicUrl} (for example {@code https://id.example.com}). */
    public WebAuthn4jPasskeyVerifier(URI publicUrl) {
        String scheme = publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || publicUrl.getHost() == null) {
            throw new IllegalArgumentException("the public URL must be an http or https URL with a host");
        }
        this.rpId = publicUrl.getHost().toLowerCase(Locale.ROOT);
        this.origin = new Origin(scheme + "://" + rpId + (publicUrl.getPort() == -1 ? "" : ":" + publicUrl.getPort()));
    }

    /**
     * Builds what the checks need (webauthn4j and its readers) now, so that the first passkey
     * ceremony does not wait for it; otherwise the first check builds it. A server calls this on a
     * thread of its own once it is ready.
     */
    public static void prepare() {
        Objects.requireNonNull(Webauthn4j.MANAGER);
    }

    @Override
    public String rpId() {
        return rpId;
    }

    @Override
    public byte[] registrationChallengeOf(String responseJson) {
        checkLength(responseJson);
        try {
            return Webauthn4j.MANAGER.parseRegistrationResponseJSON(responseJson).getCollectedClientData().getChallenge()
                    .getValue();
        } catch (RuntimeException e) {
            throw new InvalidPasskeyException();
        }
    }

    @Override
    public NewCredential verifyRegistration(String responseJson, byte[] challenge) {
        checkLength(responseJson);
        try {
            RegistrationData data = Webauthn4j.MANAGER.verifyRegistrationResponseJSON(responseJson,
                    new RegistrationParameters(new ServerProperty(origin, rpId, new DefaultChallenge(challenge)),
                            Webauthn4j.ALGORITHMS, true, true));
            AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
            return new NewCredential(attested.getCredentialId(), Webauthn4j.CREDENTIALS.convert(attested),
                    authenticatorData.getSignCount());
        } catch (RuntimeException e) {
            throw new InvalidPasskeyException();
        }
    }

    @Override
    public AssertionClaim readAssertion(String responseJson) {
        checkLength(responseJson);
        try {
            AuthenticationData data = Webauthn4j.MANAGER.parseAuthenticationResponseJSON(responseJson);
            if (data.getCredentialId() == null) {
                throw new InvalidPasskeyException();
            }
            return new AssertionClaim(data.getCredentialId(), data.getUserHandle(),
                    data.getCollectedClientData().getChallenge().getValue());
        } catch (RuntimeException e) {
            throw new InvalidPasskeyException();
        }
    }

    @Override
    public long verifyAssertion(String responseJson, byte[] challenge, byte[] credentialRecord, long storedCount) {
        checkLength(responseJson);
        try {
            CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null,
                    storedCount, Webauthn4j.CREDENTIALS.convert(credentialRecord), null, null, null, null);
            AuthenticationData data = Webauthn4j.MANAGER.verifyAuthenticationResponseJSON(responseJson,
                    new AuthenticationParameters(new ServerProperty(origin, rpId, new DefaultChallenge(challenge)),
                            record, null, true, true));
            return data.getAuthenticatorData().getSignCount();
        } catch (MaliciousCounterValueException e) {
            throw new ClonedAuthenticatorException(e.getStoredCounter(), e.getPresentedCounter());
        } catch (RuntimeException e) {
            throw new InvalidPasskeyException();
        }
    }

    private static void checkLength(String responseJson) {
        if (responseJson == null || responseJson.length() > MAX_RESPONSE_LENGTH) {
            throw new InvalidPasskeyException();
        }
    }
}
