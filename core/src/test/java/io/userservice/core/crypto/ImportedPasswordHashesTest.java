package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.PasswordHasher;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class ImportedPasswordHashesTest {

    /** The Argon2 reference implementation's vector (phc-winner-argon2 src/test.c): "password", salt "somesalt". */
    private static final String ARGON2ID_REFERENCE =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    private static final String ARGON2I_REFERENCE =
            "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";

    /** A Keycloak-style credential computed by the JDK's own PBKDF2, an implementation independent of ours. */
    private static String jdkPbkdf2(String algorithm, String jdkName, String password, int iterations, int keyBytes)
            throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] key = SecretKeyFactory.getInstance(jdkName)
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, keyBytes * 8)).getEncoded();
        return ImportedPasswordHashes.fromKeycloak(algorithm, iterations, Base64.getEncoder().encodeToString(salt),
                Base64.getEncoder().encodeToString(key));
    }

    @Test
    void pbkdf2HashesOfEveryDigestVerifyAgainstTheJdksImplementation() throws Exception {
        String password = "pässwörd with ünïcode";
        String sha256 = jdkPbkdf2("pbkdf2-sha256", "PBKDF2WithHmacSHA256", password, 27_500, 64);
        String sha512 = jdkPbkdf2("pbkdf2-sha512", "PBKDF2WithHmacSHA512", password, 1_000, 64);
        String sha1 = jdkPbkdf2("pbkdf2", "PBKDF2WithHmacSHA1", password, 1_000, 20);
        String shortKey = jdkPbkdf2("pbkdf2-sha256", "PBKDF2WithHmacSHA256", password, 1_000, 32);

        assertThat(sha256).startsWith("$pbkdf2-sha256$i=27500$");
        assertThat(sha1).startsWith("$pbkdf2-sha1$i=1000$");
        for (String hash : List.of(sha256, sha512, sha1, shortKey)) {
            assertThat(ImportedPasswordHashes.verify(password, hash)).as(hash).isTrue();
            assertThat(ImportedPasswordHashes.verify(password + "x", hash)).as(hash).isFalse();
            assertThat(ImportedPasswordHashes.verify("pässwörd with ünïcodE", hash)).as(hash).isFalse();
        }
        // the digest named in the prefix is the one used
        assertThat(ImportedPasswordHashes.verify(password, sha512.replace("sha512", "sha256"))).isFalse();
    }

    @Test
    void argon2ReferenceVectorsVerify() {
        assertThat(ImportedPasswordHashes.verify("password", ARGON2ID_REFERENCE)).isTrue();
        assertThat(ImportedPasswordHashes.verify("password", ARGON2I_REFERENCE)).isTrue();
        assertThat(ImportedPasswordHashes.verify("passwore", ARGON2ID_REFERENCE)).isFalse();
        // a changed parameter changes the result
        assertThat(ImportedPasswordHashes.verify("password", ARGON2ID_REFERENCE.replace("t=2", "t=3"))).isFalse();
        assertThat(ImportedPasswordHashes.verify("password", ARGON2ID_REFERENCE.replace("argon2id", "argon2d")))
                .isFalse();
    }

    @Test
    void malformedAndOutOfBoundsHashesAreRefusedNotThrown() {
        for (String bad : List.of("", "$pbkdf2-sha256$", "$pbkdf2-md5$i=1000$c29tZXNhbHQ=$c29tZXNhbHQ=",
                "$pbkdf2-sha256$i=0$c29tZXNhbHQ=$c29tZXNhbHQ=",
                "$pbkdf2-sha256$i=99999999$c29tZXNhbHQ=$c29tZXNhbHQ=",
                "$pbkdf2-sha256$i=1000$c2E=$c29tZXNhbHQ=",
                "$pbkdf2-sha256$i=1000$c29tZXNhbHQ=$!!!",
                "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=65536,t=1000,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=65536,t=2,p=64$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=18$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=65536,t=2,p=1$c29t$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")) {
            assertThat(ImportedPasswordHashes.isWellFormed(bad)).as(bad).isFalse();
            assertThat(ImportedPasswordHashes.verify("password", bad)).as(bad).isFalse();
            assertThat(new BcryptPasswordHasher(4).verify("password", bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> ImportedPasswordHashes.fromKeycloak("sha256-crypt", 1000, "c29tZXNhbHQ=",
                "c29tZXNhbHQ=")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256-crypt");
    }

    @Test
    void theConfiguredHasherVerifiesImportedKindsAndAlwaysAsksForARehash() throws Exception {
        BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);
        String pbkdf2 = jdkPbkdf2("pbkdf2-sha256", "PBKDF2WithHmacSHA256", "secret one", 1_000, 64);

        assertThat(hasher.verify("secret one", pbkdf2)).isTrue();
        assertThat(hasher.verify("secret two", pbkdf2)).isFalse();
        assertThat(hasher.verify("password", ARGON2ID_REFERENCE)).isTrue();
        assertThat(hasher.needsRehash(pbkdf2)).isTrue();
        assertThat(hasher.needsRehash(ARGON2ID_REFERENCE)).isTrue();
    }

    @Test
    void theFirstSuccessfulSignInReplacesAnImportedHashWithBcrypt() throws Exception {
        RecordingHasher hasher = new RecordingHasher(new BcryptPasswordHasher(4));
        InMemoryUserDirectory directory = new InMemoryUserDirectory(hasher);
        String pbkdf2 = jdkPbkdf2("pbkdf2-sha512", "PBKDF2WithHmacSHA512", "secret one", 1_000, 64);
        DirectoryUser user = directory.register(new NewDirectoryUser(UUID.randomUUID(), Email.of("a@example.com"),
                pbkdf2, null, null, null, true, Instant.now()));

        assertThat(directory.checkPassword(user, "wrong")).isFalse();
        assertThat(hasher.hashed).isZero();
        assertThat(directory.checkPassword(user, "secret one")).isTrue();
        assertThat(hasher.hashed).isEqualTo(1);
        assertThat(directory.checkPassword(user, "secret one")).isTrue();
        assertThat(hasher.verified).last().asString().startsWith("$2b$04$");
        assertThat(hasher.hashed).isEqualTo(1);
        assertThat(directory.checkPassword(user, "wrong")).isFalse();
    }

    private static final class RecordingHasher implements PasswordHasher {
        private final PasswordHasher delegate;
        final List<String> verified = new ArrayList<>();
        int hashed;

        RecordingHasher(PasswordHasher delegate) {
            this.delegate = delegate;
        }

        @Override
        public String hash(String password) {
            hashed++;
            return delegate.hash(password);
        }

        @Override
        public boolean verify(String password, String hash) {
            verified.add(hash);
            return delegate.verify(password, hash);
        }

        @Override
        public boolean needsRehash(String hash) {
            return delegate.needsRehash(hash);
        }
    }
}
