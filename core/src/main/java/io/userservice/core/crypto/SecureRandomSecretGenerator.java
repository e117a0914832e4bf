package io.userservice.core.crypto;

import io.userservice.core.port.out.SecretGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/** 256-bit secrets from {@link SecureRandom}, Base64url-encoded without padding (43 characters). */
public final class SecureRandomSecretGenerator implements SecretGenerator {

    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

    @Override
    public String newSecret() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return encoder.encodeToString(bytes);
    }
}
