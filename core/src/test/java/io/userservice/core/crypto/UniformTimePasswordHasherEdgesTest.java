package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.out.PasswordHasher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniformTimePasswordHasherEdgesTest {

    private static final String SALT_AND_KEY = "$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    @Test
    void anImportedHashCostingExactlyOneCheckAtTheBcryptCostIsCovered() {
        String oneBcrypt10Check = "$argon2id$v=19$m=40000,t=1,p=1" + SALT_AND_KEY;
        String slightlyMore = "$argon2id$v=19$m=40001,t=1,p=1" + SALT_AND_KEY;
        assertThat(ImportedPasswordHashes.costInBcrypt10Checks(oneBcrypt10Check)).isEqualTo(1.0);

        assertThat(UniformTimePasswordHasher.coversTheCostOf(oneBcrypt10Check, 10)).isTrue();
        assertThat(UniformTimePasswordHasher.coversTheCostOf(slightlyMore, 10)).isFalse();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$argon2id$v=19$m=40000,t=4,p=1" + SALT_AND_KEY, 12))
                .isTrue();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$argon2id$v=19$m=40000,t=4,p=1" + SALT_AND_KEY, 11))
                .isFalse();
    }

    @Test
    void aBcryptHashIsCoveredUpToItsOwnCost() {
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$2a$12$" + "a".repeat(53), 12)).isTrue();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$2y$04$" + "a".repeat(53), 12)).isTrue();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$2b$13$" + "a".repeat(53), 12)).isFalse();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$2x$10$" + "a".repeat(53), 12)).isFalse();
        assertThat(UniformTimePasswordHasher.coversTheCostOf(null, 12)).isFalse();
    }

    private final List<String> log = new ArrayList<>();
    private long now;

    private final UniformTimePasswordHasher.Pacer pacer = new UniformTimePasswordHasher.Pacer() {
        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void pause(long nanos) {
            log.add("wait " + nanos);
            now += nanos;
        }
    };

    /** Reference hashes start with {@code ref:}; every check, reference or imported, takes 100 ns. */
    private final PasswordHasher equallySlow = new PasswordHasher() {
        @Override
        public String hash(String password) {
            return "ref:" + password;
        }

        @Override
        public boolean verify(String password, String hash) {
            log.add("check " + hash);
            now += 100;
            return hash.endsWith(":" + password);
        }

        @Override
        public boolean needsRehash(String hash) {
            return !hash.startsWith("ref:");
        }
    };

    @Test
    void anImportedCheckAsSlowAsTheReferenceDoesNotWait() {
        UniformTimePasswordHasher hasher = new UniformTimePasswordHasher(equallySlow, pacer);
        hasher.verify("a", "ref:b");

        assertThat(hasher.verify("secret", "imported:secret")).isTrue();

        assertThat(log).containsExactly("check ref:b", "check imported:secret");
    }

    @Test
    void aMissingHashOrOneTheDelegateWouldReplaceNeedsARehash() {
        UniformTimePasswordHasher hasher = new UniformTimePasswordHasher(equallySlow, pacer);

        assertThat(hasher.needsRehash(null)).isTrue();
        assertThat(hasher.needsRehash("imported:secret")).isTrue();
        assertThat(hasher.needsRehash("ref:secret")).isFalse();
    }

    @Test
    void anImportedCheckIsPaddedToTheMedianOfTheRecentReferenceChecks() {
        List<Long> referenceTimes = new ArrayList<>(List.of(300L, 100L, 200L));
        PasswordHasher varying = new PasswordHasher() {
            @Override
            public String hash(String password) {
                return "ref:" + password;
            }

            @Override
            public boolean verify(String password, String hash) {
                now += hash.startsWith("ref:") ? referenceTimes.remove(0) : 50;
                return false;
            }

            @Override
            public boolean needsRehash(String hash) {
                return !hash.startsWith("ref:");
            }
        };
        UniformTimePasswordHasher hasher = new UniformTimePasswordHasher(varying, pacer);
        for (int i = 0; i < 3; i++) {
            hasher.verify("a", "ref:b");
        }

        hasher.verify("a", "imported:b");

        assertThat(log).containsExactly("wait 150");
    }
}
