package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.port.KeyEncryptionException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutboxCodeSealingTest {

    /** What the embedding application calls the key, as the server does. */
    private static final String SETTING = "USERSVC_KEY_ENCRYPTION_KEY";
    private static final String CODE = "q3KxVb0n5c4hXJ2a8f1YtZ7wLmP9sE6uRdG0kHjN2oA";

    private static KeyEncryption keyOf(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return KeyEncryption.aesGcm(key).named(SETTING);
    }

    @Test
    void aSealedCodeOpensForItsMailAndHoldsNoTraceOfTheCode() {
        KeyEncryption encryption = keyOf(1);

        String sealed = encryption.sealCode("message-key-1", CODE);

        assertThat(sealed).startsWith(KeyEncryption.CODE_PREFIX).doesNotContain(CODE).hasSizeLessThanOrEqualTo(128);
        assertThat(encryption.openCode("message-key-1", sealed)).isEqualTo(CODE);
        assertThat(encryption.sealCode("message-key-1", CODE)).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void aSealedCodeCopiedToAnotherMailDoesNotOpen() {
        KeyEncryption encryption = keyOf(1);
        String sealed = encryption.sealCode("message-key-1", CODE);

        assertThatThrownBy(() -> encryption.openCode("message-key-2", sealed))
                .isInstanceOf(KeyEncryptionException.class).hasMessageNotContaining(CODE);
    }

    @Test
    void aSealedCodeOpensWithNoOtherKeyAndNotWithoutOne() {
        String sealed = keyOf(1).sealCode("message-key-1", CODE);

        assertThatThrownBy(() -> keyOf(2).openCode("message-key-1", sealed))
                .isInstanceOf(KeyEncryptionException.class).hasMessageContaining("USERSVC_KEY_ENCRYPTION_KEY");
        assertThatThrownBy(() -> KeyEncryption.none().named(SETTING).openCode("message-key-1", sealed))
                .isInstanceOf(KeyEncryptionException.class).hasMessageContaining("USERSVC_KEY_ENCRYPTION_KEY");
        assertThatThrownBy(() -> keyOf(1).openCode("message-key-1", KeyEncryption.CODE_PREFIX + "not*base64"))
                .isInstanceOf(KeyEncryptionException.class);
        assertThatThrownBy(() -> keyOf(1).openCode("message-key-1", KeyEncryption.CODE_PREFIX + "c2hvcnQ"))
                .isInstanceOf(KeyEncryptionException.class);
    }

    @Test
    void codesStoredInPlainTextStayReadableAndWithoutAKeyNothingIsSealed() {
        assertThat(keyOf(1).openCode("message-key-1", CODE)).as("written before the key was set").isEqualTo(CODE);
        assertThat(KeyEncryption.none().sealCode("message-key-1", CODE)).isEqualTo(CODE);
        assertThat(KeyEncryption.none().openCode("message-key-1", CODE)).isEqualTo(CODE);
    }

    @Test
    void codesAndSigningKeysAreSealedApart() {
        String sealedCode = keyOf(1).sealCode("kid-1", CODE);

        assertThat(KeyEncryption.isSealed(sealedCode)).as("not taken for a sealed signing key").isFalse();
        assertThatThrownBy(() -> keyOf(1).open("kid-1", KeyEncryption.PREFIX
                + sealedCode.substring(KeyEncryption.CODE_PREFIX.length())))
                .as("the associated data differs too").isInstanceOf(KeyEncryptionException.class);
    }
}
