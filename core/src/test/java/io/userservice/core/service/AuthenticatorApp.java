package io.userservice.core.service;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/** The codes a phone's authenticator app shows for a secret, from an independent TOTP implementation. */
final class AuthenticatorApp {

    private AuthenticatorApp() {
    }

    /** The 6-digit code of the unpadded Base32 {@code secret} at {@code at}. */
    static String code(String secret, Instant at) {
        try {
            int padded = (secret.length() + 7) / 8 * 8;
            byte[] key = Base32.decode(secret + "=".repeat(padded - secret.length()));
            return String.format(Locale.ROOT, "%06d", new TimeBasedOneTimePasswordGenerator()
                    .generateOneTimePassword(new SecretKeySpec(key, "HmacSHA1"), at));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
