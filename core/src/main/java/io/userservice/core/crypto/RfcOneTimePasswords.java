package io.userservice.core.crypto;

import io.userservice.core.port.out.OneTimePasswords;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;
import org.bouncycastle.util.encoders.DecoderException;

/**
 * RFC 6238 TOTP with the parameters every authenticator app reads by default (HMAC-SHA-1, 6
 * digits, 30 seconds), over the JDK's HMAC; secrets in RFC 4648 base32 (Bouncy Castle's codec).
 * Recovery codes are 80 random bits as 16 lower-case base32 characters in groups of four.
 */
public final class RfcOneTimePasswords implements OneTimePasswords {

    private static final int SECRET_BYTES = 20;
    private static final int RECOVERY_CODE_BYTES = 10;
    private static final int DIGITS = 6;
    private static final int MODULUS = 1_000_000;

    private final SecureRandom random = new SecureRandom();

    @Override
    public String newTotpSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.toBase32String(secret);
    }

    @Override
    public String totpCode(String base32Secret, long step) {
        return code(decode(base32Secret), step);
    }

    /** The RFC 4226 / 6238 code of a raw key for a counter value (dynamic truncation, 6 digits). */
    static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ByteBuffer.wrap(hash, offset, Integer.BYTES).getInt() & 0x7fffffff;
            return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % MODULUS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    @Override
    public String newRecoveryCode() {
        byte[] bytes = new byte[RECOVERY_CODE_BYTES];
        random.nextBytes(bytes);
        String plain = Base32.toBase32String(bytes).toLowerCase(Locale.ROOT);
        return plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8, 12) + "-"
                + plain.substring(12, 16);
    }

    private static byte[] decode(String base32Secret) {
        String normalised = base32Secret.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        int padded = (normalised.length() + 7) / 8 * 8;
        try {
            return Base32.decode(normalised + "=".repeat(padded - normalised.length()));
        } catch (DecoderException e) {
            throw new IllegalArgumentException("not a base32 secret", e);
        }
    }
}
