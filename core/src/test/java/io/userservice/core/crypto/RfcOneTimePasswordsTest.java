package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RfcOneTimePasswordsTest {

    private final RfcOneTimePasswords otp = new RfcOneTimePasswords();

    /** RFC 6238 appendix B, SHA-1 rows: the last six of the eight digits (the code modulo 10^6). */
    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924",
            "2000000000, 279037", "20000000000, 353130"})
    void theRfc6238Sha1TestVectors(long unixSeconds, String code) {
        String secret = Base32.toBase32String("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

        assertThat(otp.totpCode(secret, unixSeconds / 30)).isEqualTo(code);
    }

    @Test
    void codesMatchAnIndependentImplementationForManySecretsAndTimes() throws Exception {
        TimeBasedOneTimePasswordGenerator other = new TimeBasedOneTimePasswordGenerator();
        for (int i = 0; i < 50; i++) {
            String secret = otp.newTotpSecret();
            Key key = new SecretKeySpec(decode(secret), "HmacSHA1");
            Instant at = Instant.ofEpochSecond(1_700_000_000L + i * 7_919L);

            String theirs = String.format(Locale.ROOT, "%06d", other.generateOneTimePassword(key, at));

            assertThat(otp.totpCode(secret, at.getEpochSecond() / 30)).isEqualTo(theirs);
        }
    }

    @Test
    void secretsAre160BitsOfUnpaddedBase32AndDiffer() {
        String secret = otp.newTotpSecret();

        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(decode(secret)).hasSize(20);
        assertThat(otp.newTotpSecret()).isNotEqualTo(secret);
    }

    @Test
    void lowerCaseAndSpacedSecretsReadTheSame() {
        String secret = otp.newTotpSecret();
        String typed = secret.toLowerCase(Locale.ROOT).replaceAll("(.{4})", "$1 ");

        assertThat(otp.totpCode(typed, 123)).isEqualTo(otp.totpCode(secret, 123));
    }

    @Test
    void recoveryCodesAreEightyRandomBitsInGroupsOfFour() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            codes.add(otp.newRecoveryCode());
        }

        assertThat(codes).hasSize(100).allSatisfy(code -> assertThat(code).matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
    }

    static byte[] decode(String base32) {
        int padded = (base32.length() + 7) / 8 * 8;
        return Base32.decode(base32 + "=".repeat(padded - base32.length()));
    }
}
