package io.userservice.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one AES-GCM sealing of the service, with the JDK's cipher: a sealed value is a random 96-bit
 * nonce followed by the ciphertext and its 128-bit tag. Associated data is bound to the value, so
 * a sealed value moved to another context does not open. Private signing keys and outbox codes are
 * sealed under the configured key ({@link KeyEncryption}); a refresh token's successor under a key
 * derived from the token itself.
 */
public final class AesGcm {

    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher object per thread, initialised afresh (key, nonce, associated data) for every
     * value: looking the transformation up among the providers costs more than sealing a token.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    });

    private final SecretKeySpec key;

    private AesGcm(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /** Sealing under a 32-byte key. */
    public static AesGcm withKey(byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        return new AesGcm(Arrays.copyOf(keyBytes, keyBytes.length));
    }

    /**
     * Sealing under the SHA-256 of {@code context} followed by {@code secret}; for a high-entropy
     * secret only, which then is all it takes to open what was sealed.
     */
    public static AesGcm derivedFrom(String context, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(context.getBytes(StandardCharsets.UTF_8));
            return new AesGcm(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The nonce, ciphertext and tag of {@code plain}, bound to {@code associatedData} (may be empty). */
    public byte[] seal(String associatedData, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, new GCMParameterSpec(TAG_BITS, nonce), associatedData);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /**
     * The plain text of a sealed value; empty when it is malformed, was sealed under another key
     * or with other associated data, or was altered.
     */
    public Optional<String> open(String associatedData, byte[] sealed) {
        if (sealed == null || sealed.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES),
                    associatedData);
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private Cipher cipher(int mode, GCMParameterSpec parameters, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, key, parameters);
        if (!associatedData.isEmpty()) {
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }
}
