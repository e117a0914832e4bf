package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.port.KeyEncryptionException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The one AES-GCM sealing. The values below were sealed by the two implementations it replaces
 * (the refresh successor's and the key encryption's); what is stored stays readable.
 */
class AesGcmTest {

    /** A refresh successor "the-successor-token", sealed under the presented "refresh-token-presented". */
    private static final String OLD_SEALED_SUCCESSOR =
            "39DXYFkS4B13TN6tL6sJPXNqsHTQIouXj8UEWjCySQG8Fl0Dd2swrFpzZCpLBeE=";
    private static final String OLD_SEALED_SIGNING_KEY =
            "aes256gcm:v1:eGe1p4_xzFhqOfLCo5hSGXuJ_SYuJu5Wm106qVgpCrJCAvTMOUTADgsSCBTMxEesgwkFMI9W";
    private static final String OLD_SEALED_CODE = "aes256gcm-code:v1:B3gZMrP8itCoj6-GCuehXHjnwiooU4hE4YDZLeOB127JUw";

    private static byte[] oldKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return key;
    }

    @Test
    void aRefreshSuccessorSealedBeforeStillOpensWithTheTokenAndNothingElse() {
        byte[] sealed = Base64.getDecoder().decode(OLD_SEALED_SUCCESSOR);

        assertThat(AesGcm.derivedFrom("refresh-successor-seal:", "refresh-token-presented").open("", sealed))
                .contains("the-successor-token");
        assertThat(AesGcm.derivedFrom("refresh-successor-seal:", "another-token").open("", sealed)).isEmpty();
        assertThat(AesGcm.derivedFrom("refresh-successor-seal:", "refresh-token-presented").open("aad", sealed))
                .isEmpty();
    }

    @Test
    void signingKeysAndOutboxCodesSealedBeforeStillOpen() {
        KeyEncryption encryption = KeyEncryption.aesGcm(oldKey());

        assertThat(encryption.open("kid-1", OLD_SEALED_SIGNING_KEY)).isEqualTo("{\"kty\":\"RSA\",\"d\":\"secret\"}");
        assertThat(encryption.openCode("message-key-1", OLD_SEALED_CODE)).isEqualTo("123456");
        assertThatThrownBy(() -> encryption.open("kid-2", OLD_SEALED_SIGNING_KEY))
                .isInstanceOf(KeyEncryptionException.class);
    }

    @Test
    void whatIsSealedNowOpensOnlyWithTheSameKeyAndAssociatedData() {
        AesGcm key = AesGcm.withKey(oldKey());
        byte[] sealed = key.seal("context", "plain text");

        assertThat(key.open("context", sealed)).contains("plain text");
        assertThat(key.open("other", sealed)).isEmpty();
        assertThat(AesGcm.withKey(new byte[32]).open("context", sealed)).isEmpty();
        assertThat(key.seal("context", "plain text")).as("a fresh nonce each time").isNotEqualTo(sealed);
        sealed[sealed.length - 1] ^= 1;
        assertThat(key.open("context", sealed)).as("altered").isEmpty();
        assertThat(key.open("context", new byte[12])).as("too short").isEmpty();
        assertThat(key.open("context", null)).isEmpty();
    }

    @Test
    void messagesNameTheKeyAsTheApplicationCallsItAndNoSettingByDefault() {
        String sealed = KeyEncryption.aesGcm(oldKey()).sealCode("m", "123456");

        assertThatThrownBy(() -> KeyEncryption.none().openCode("m", sealed))
                .hasMessageContaining("the key-encryption key").hasMessageNotContaining("USERSVC_");
        assertThatThrownBy(() -> KeyEncryption.aesGcm(new byte[32]).openCode("m", sealed))
                .hasMessageNotContaining("USERSVC_");
        assertThatThrownBy(() -> KeyEncryption.aesGcm(new byte[32]).named("KEK_SETTING").openCode("m", sealed))
                .hasMessageStartingWith("KEK_SETTING does not decrypt");
    }

    @Test
    void aThreadsCipherServesEveryKeyInTurnAndAFailedOpeningLeavesNothingBehind() throws Exception {
        AesGcm first = AesGcm.withKey(oldKey());
        AesGcm second = AesGcm.derivedFrom("context:", "a high-entropy secret");
        byte[] sealed = first.seal("", "one");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;

        assertThat(first.open("", altered)).isEmpty();
        assertThat(second.open("", sealed)).isEmpty();
        byte[] other = second.seal("ad", "two");
        assertThat(first.open("", sealed)).contains("one");
        assertThat(second.open("ad", other)).contains("two");
        assertThat(first.open("ad", other)).isEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        AesGcm key = AesGcm.derivedFrom("context:", "secret " + thread + " " + i);
                        String plain = "value " + thread + " " + i;
                        byte[] value = key.seal("", plain);
                        if (!key.open("", value).orElse("").equals(plain) || first.open("", value).isPresent()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
