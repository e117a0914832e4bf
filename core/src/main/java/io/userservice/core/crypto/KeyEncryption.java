package io.userservice.core.crypto;

import io.userservice.core.domain.KeyEncryptionException;
import io.userservice.core.port.out.OutboxCodeSealer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Private signing keys at rest, sealed with AES-256-GCM under a key from configuration. A sealed
 * document is {@code aes256gcm:v1:} followed by the Base64url of a random 96-bit nonce and the
 * ciphertext with its tag; the key id is bound as associated data, so a sealed key copied onto
 * another key id does not open. Without a configured key, documents are stored and read as plain
 * JWK JSON.
 *
 * <p>The codes waiting in the mail outbox are sealed the same way under the same key, as
 * {@code aes256gcm-code:v1:…} with the mail's message key bound as associated data; without a
 * configured key they stay in plain text.
 */
public final class KeyEncryption implements OutboxCodeSealer {

    static final String PREFIX = "aes256gcm:v1:";
    static final String CODE_PREFIX = "aes256gcm-code:v1:";
    /** Put before the message key in a code's associated data, so that it never equals a key id. */
    private static final String CODE_CONTEXT = "mail-outbox-code:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private KeyEncryption(byte[] keyBytes) {
        this.key = keyBytes == null ? null : new SecretKeySpec(keyBytes, "AES");
    }

    /** Keys stored as plain JWK JSON. */
    public static KeyEncryption none() {
        return new KeyEncryption(null);
    }

    /** @throws KeyEncryptionException unless the key is exactly 32 bytes */
    public static KeyEncryption aesGcm(byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != KEY_BYTES) {
            throw new KeyEncryptionException("the key-encryption key must be 32 bytes (Base64 of 32 random bytes)");
        }
        return new KeyEncryption(Arrays.copyOf(keyBytes, KEY_BYTES));
    }

    public boolean enabled() {
        return key != null;
    }

    static boolean isSealed(String document) {
        return document.startsWith(PREFIX);
    }

    /** The document as it is stored: sealed when a key is configured, else unchanged. */
    String seal(String keyId, String privateJwk) {
        return key == null ? privateJwk : sealed(PREFIX, keyId, privateJwk);
    }

    /** The plain JWK JSON of a stored document, sealed or not. */
    String open(String keyId, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        if (key == null) {
            throw new KeyEncryptionException("signing key " + keyId
                    + " is stored encrypted; set USERSVC_KEY_ENCRYPTION_KEY to the key it was encrypted with");
        }
        byte[] in = decoded(PREFIX, stored);
        if (in != null && in.length <= NONCE_BYTES) {
            throw new KeyEncryptionException("signing key " + keyId + " is not a valid encrypted key");
        }
        try {
            return opened(keyId, in);
        } catch (GeneralSecurityException e) {
            throw new KeyEncryptionException("USERSVC_KEY_ENCRYPTION_KEY does not decrypt signing key " + keyId
                    + " (wrong key?)");
        }
    }

    @Override
    public String sealCode(String messageKey, String code) {
        return key == null ? code : sealed(CODE_PREFIX, CODE_CONTEXT + messageKey, code);
    }

    @Override
    public String openCode(String messageKey, String stored) {
        if (!stored.startsWith(CODE_PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new KeyEncryptionException("a code in the mail outbox is stored encrypted;"
                    + " set USERSVC_KEY_ENCRYPTION_KEY to the key it was encrypted with");
        }
        byte[] in = decoded(CODE_PREFIX, stored);
        try {
            return opened(CODE_CONTEXT + messageKey, in);
        } catch (GeneralSecurityException e) {
            throw new KeyEncryptionException("USERSVC_KEY_ENCRYPTION_KEY does not decrypt the code of this outbox"
                    + " mail (wrong key, or the code was sealed for another mail)");
        }
    }

    private String sealed(String prefix, String associatedData, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The nonce, ciphertext and tag of a sealed text; {@code null} when it is not Base64url. */
    private static byte[] decoded(String prefix, String stored) {
        try {
            return Base64.getUrlDecoder().decode(stored.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The plain text of decoded sealed bytes; fails as a wrong key does when they are malformed. */
    private String opened(String associatedData, byte[] in) throws GeneralSecurityException {
        if (in == null || in.length <= NONCE_BYTES) {
            throw new AEADBadTagException("not a sealed text");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        return new String(plain, StandardCharsets.UTF_8);
    }
}
