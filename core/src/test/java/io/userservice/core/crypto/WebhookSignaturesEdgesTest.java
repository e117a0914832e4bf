package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignaturesEdgesTest {

    @Test
    void aSignatureMatchesTheStandardWebhooksExample() {
        assertThat(WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretWithoutItsPrefixIsRefused() {
        assertThatThrownBy(() -> WebhookSignatures.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1L, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a webhook secret starts with whsec_");
    }

    @Test
    void aSecretIsMadeOfAKeyOfAtLeast32Bytes() {
        byte[] key = new byte[32];
        key[0] = 1;

        assertThat(WebhookSignatures.secretOf(key)).isEqualTo("whsec_" + Base64.getEncoder().encodeToString(key));
        assertThat(WebhookSignatures.secretOf(new byte[33])).startsWith("whsec_").hasSize(6 + 44);
        assertThatThrownBy(() -> WebhookSignatures.secretOf(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a webhook key has at least 32 bytes");
    }

    @Test
    void aSecretMadeOfAKeySignsAsThatKey() {
        byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr");
        String secret = WebhookSignatures.secretOf(key);

        assertThat(WebhookSignatures.sign(secret, "msg_1", 1L, "{}")).startsWith("v1,")
                .isNotEqualTo(WebhookSignatures.sign(secret, "msg_1", 2L, "{}"))
                .isNotEqualTo(WebhookSignatures.sign(secret, "msg_2", 1L, "{}"))
                .isNotEqualTo(WebhookSignatures.sign(secret, "msg_1", 1L, "{ }"));
    }
}
