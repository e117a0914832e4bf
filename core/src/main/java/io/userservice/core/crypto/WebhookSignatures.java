package io.userservice.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): a secret is {@code whsec_}
 * followed by the base64 of its key bytes; a signature is {@code v1,} followed by the base64 of
 * HMAC-SHA256 under those bytes over {@code id.timestamp.body}.
 */
public final class WebhookSignatures {

    public static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;

    private WebhookSignatures() {
    }

    /** A secret of the given random key bytes (at least 32): {@code whsec_} and their base64. */
    public static String secretOf(byte[] key) {
        if (key.length < SECRET_BYTES) {
            throw new IllegalArgumentException("a webhook key has at least " + SECRET_BYTES + " bytes");
        }
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code v1,…} signature of the message under the secret. */
    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
