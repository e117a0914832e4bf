package io.userservice.core.crypto;

import io.userservice.core.port.KeyEncryptionException;
import io.userservice.core.port.out.OutboxCodeSealer;
import java.util.Base64;
import java.util.Optional;

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
 *
 * <p>Messages name the key as the embedding application calls it ({@link #named}), so an
 * operator reads the name of the setting they have to fix.
 */
public final class KeyEncryption implements OutboxCodeSealer {

    static final String PREFIX = "aes256gcm:v1:";
    static final String CODE_PREFIX = "aes256gcm-code:v1:";
    /** Put before the message key in a code's associated data, so that it never equals a key id. */
    private static final String CODE_CONTEXT = "mail-outbox-code:";
    private static final String DEFAULT_NAME = "the key-encryption key";
    private static final int KEY_BYTES = 32;

    private final AesGcm key;
    private final String name;

    private KeyEncryption(AesGcm key, String name) {
        this.key = key;
        this.name = name;
    }

    /** Keys stored as plain JWK JSON. */
    public static KeyEncryption none() {
        return new KeyEncryption(null, DEFAULT_NAME);
    }

    /** @throws KeyEncryptionException unless the key is exactly 32 bytes */
    public static KeyEncryption aesGcm(byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != KEY_BYTES) {
            throw new KeyEncryptionException("the key-encryption key must be 32 bytes (Base64 of 32 random bytes)");
        }
        return new KeyEncryption(AesGcm.withKey(keyBytes), DEFAULT_NAME);
    }

    /** The same encryption, called {@code keyName} in messages (such as the setting that configures it). */
    public KeyEncryption named(String keyName) {
        return new KeyEncryption(key, keyName);
    }

    public boolean enabled() {
        return key != null;
    }

    /** How messages name the key. */
    String keyName() {
        return name;
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
                    + " is stored encrypted; set " + name + " to the key it was encrypted with");
        }
        byte[] in = decoded(PREFIX, stored);
        if (in != null && in.length <= AesGcm.NONCE_BYTES) {
            throw new KeyEncryptionException("signing key " + keyId + " is not a valid encrypted key");
        }
        return opened(keyId, in).orElseThrow(() -> new KeyEncryptionException(name
                + " does not decrypt signing key " + keyId + " (wrong key?)"));
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
                    + " set " + name + " to the key it was encrypted with");
        }
        return opened(CODE_CONTEXT + messageKey, decoded(CODE_PREFIX, stored))
                .orElseThrow(() -> new KeyEncryptionException(name + " does not decrypt the code of this outbox"
                        + " mail (wrong key, or the code was sealed for another mail)"));
    }

    private String sealed(String prefix, String associatedData, String plain) {
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(key.seal(associatedData, plain));
    }

    /** The nonce, ciphertext and tag of a sealed text; {@code null} when it is not Base64url. */
    private static byte[] decoded(String prefix, String stored) {
        try {
            return Base64.getUrlDecoder().decode(stored.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The plain text of decoded sealed bytes; empty, as with a wrong key, when they are malformed. */
    private Optional<String> opened(String associatedData, byte[] in) {
        return in == null ? Optional.empty() : key.open(associatedData, in);
    }
}
