package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ImportedPasswordHashesEdgesTest {

    private static String bytes(int n) {
        byte[] value = new byte[n];
        Arrays.fill(value, (byte) 7);
        return Base64.getEncoder().withoutPadding().encodeToString(value);
    }

    private static String pbkdf2(int iterations, int saltBytes, int keyBytes) {
        return "$pbkdf2-sha256$i=" + iterations + "$" + bytes(saltBytes) + "$" + bytes(keyBytes);
    }

    private static String argon2(int memory, int passes, int lanes, int saltBytes, int keyBytes) {
        return "$argon2id$v=19$m=" + memory + ",t=" + passes + ",p=" + lanes + "$" + bytes(saltBytes) + "$"
                + bytes(keyBytes);
    }

    @Test
    void pbkdf2TakesUpToTenMillionIterations() {
        assertThat(ImportedPasswordHashes.isWellFormed(pbkdf2(10_000_000, 16, 32))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(pbkdf2(10_000_001, 16, 32))).isFalse();
    }

    @Test
    void saltsAndKeysHave8To128Bytes() {
        assertThat(ImportedPasswordHashes.isWellFormed(pbkdf2(1000, 8, 8))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(pbkdf2(1000, 128, 128))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(pbkdf2(1000, 7, 32))).isFalse();
        assertThat(ImportedPasswordHashes.isWellFormed(pbkdf2(1000, 129, 32))).isFalse();
        assertThat(ImportedPasswordHashes.isWellFormed(pbkdf2(1000, 16, 7))).isFalse();
        assertThat(ImportedPasswordHashes.isWellFormed(pbkdf2(1000, 16, 129))).isFalse();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(65536, 2, 1, 8, 128))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(65536, 2, 1, 128, 8))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(65536, 2, 1, 7, 32))).isFalse();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(65536, 2, 1, 16, 129))).isFalse();
    }

    @Test
    void argon2TakesUpTo256MebibytesAndAtLeast8KibibytesPerLane() {
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(1 << 18, 1, 1, 16, 32))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2((1 << 18) + 1, 1, 1, 16, 32))).isFalse();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(8, 1, 1, 16, 32))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(7, 1, 1, 16, 32))).isFalse();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(16, 1, 2, 16, 32))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(15, 1, 2, 16, 32))).isFalse();
    }

    @Test
    void argon2TakesUpTo100PassesAnd16Lanes() {
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(65536, 100, 1, 16, 32))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(65536, 101, 1, 16, 32))).isFalse();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(65536, 1, 16, 16, 32))).isTrue();
        assertThat(ImportedPasswordHashes.isWellFormed(argon2(65536, 1, 17, 16, 32))).isFalse();
    }
}
