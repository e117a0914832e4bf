package io.userservice.core.contract;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A passkey authenticator in software, for tests: one ES256 credential, created and used the way a
 * browser and a platform authenticator would (attestation {@code none}, user present and
 * verified), with webauthn4j's own encoders for the CBOR. Its answers are the JSON a browser's
 * {@code PublicKeyCredential.toJSON()} gives. The origin and relying party id it claims, its
 * signature counter and whether it verified the user are the test's to choose.
 */
public final class SoftwareAuthenticator {

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final byte[] credentialId;
    private String origin;
    private String rpId;
    private long counter;
    private boolean userVerified = true;
    private byte[] userHandle;

    /** An authenticator in a browser at {@code origin} (e.g. {@code http://localhost:8080}). */
    public SoftwareAuthenticator(String origin) {
        this.origin = origin;
        this.rpId = java.net.URI.create(origin).getHost();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        credentialId = new byte[16];
        RANDOM.nextBytes(credentialId);
    }

    private SoftwareAuthenticator(String origin, String rpId, byte[] credentialId, java.security.PrivateKey key,
                                  byte[] userHandle, long counter) {
        this.origin = origin;
        this.rpId = rpId;
        this.credentialId = credentialId.clone();
        this.keys = new KeyPair(null, key);
        this.userHandle = userHandle == null ? null : userHandle.clone();
        this.counter = counter;
    }

    /**
     * An existing ES256 credential, for assertions only: its id, its private key (PKCS #8, as a
     * browser's virtual authenticator exports it), its user handle and counter.
     */
    public static SoftwareAuthenticator ofCredential(String origin, String rpId, byte[] credentialId, byte[] pkcs8,
                                                     byte[] userHandle, long counter) {
        try {
            java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
            return new SoftwareAuthenticator(origin, rpId, credentialId, key, userHandle, counter);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same credential (key, id, counter) in a browser at another origin, claiming another relying party. */
    public SoftwareAuthenticator at(String otherOrigin, String otherRpId) {
        this.origin = otherOrigin;
        this.rpId = otherRpId;
        return this;
    }

    public SoftwareAuthenticator counter(long value) {
        this.counter = value;
        return this;
    }

    public long counter() {
        return counter;
    }

    public SoftwareAuthenticator userVerified(boolean value) {
        this.userVerified = value;
        return this;
    }

    public String credentialIdText() {
        return b64(credentialId);
    }

    /**
     * The registration response to creation options with this challenge (unpadded base64url) and
     * user handle; the authenticator keeps the handle for its assertions.
     */
    public String register(String challenge, String userHandleText) {
        userHandle = Base64.getUrlDecoder().decode(userHandleText);
        byte[] clientData = clientData("webauthn.create", challenge);
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(rpIdHash(), (byte) (flags() | AuthenticatorData.BIT_AT), counter, attested);
        byte[] attestation = new AttestationObjectConverter(CONVERTER).convertToBytes(
                new AttestationObject(data, new NoneAttestationStatement()));
        return "{\"id\":\"" + b64(credentialId) + "\",\"rawId\":\"" + b64(credentialId)
                + "\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"" + b64(clientData)
                + "\",\"attestationObject\":\"" + b64(attestation) + "\",\"transports\":[\"internal\"]},"
                + "\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{}}";
    }

    /** The assertion over this challenge (unpadded base64url); the counter goes up by one first, unless it is 0. */
    public String assertion(String challenge) {
        if (counter > 0) {
            counter++;
        }
        return assertionAtCounter(challenge, counter);
    }

    /** The assertion over this challenge, reporting exactly this counter. */
    public String assertionAtCounter(String challenge, long reported) {
        byte[] clientData = clientData("webauthn.get", challenge);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(
                new AuthenticatorData<>(rpIdHash(), flags(), reported));
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(authenticatorData);
            signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return "{\"id\":\"" + b64(credentialId) + "\",\"rawId\":\"" + b64(credentialId)
                + "\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"" + b64(clientData)
                + "\",\"authenticatorData\":\"" + b64(authenticatorData) + "\",\"signature\":\"" + b64(signature)
                + "\"" + (userHandle == null ? "" : ",\"userHandle\":\"" + b64(userHandle) + "\"")
                + "},\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{}}";
    }

    private byte flags() {
        return (byte) (AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0));
    }

    private byte[] clientData(String type, String challenge) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] rpIdHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
