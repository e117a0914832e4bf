package io.userservice.core.port;

import io.userservice.core.domain.UserServiceException;

/**
 * The stored signing keys cannot be read with the configured key-encryption key: the key is
 * wrong, missing while the keys are encrypted, or not 32 bytes. The server must not start. Also
 * thrown when a sealed code in the mail outbox cannot be opened; that mail is retried as after
 * any failed delivery.
 */
public class KeyEncryptionException extends UserServiceException {

    private static final long serialVersionUID = 1L;

    public KeyEncryptionException(String message) {
        super("key_encryption_failed", message);
    }
}
