package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.out.PasswordHasher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** How many of the next hashes fail, as a hasher without its randomness would. */
    private int hashesToFail;

    /** Reference hashes start with {@code ref:}; every check, reference or imported, takes 100 ns. */
    private final PasswordHasher equallySlow = new PasswordHasher() {
        @Override
        public String hash(String password) {
            if (hashesToFail > 0) {
                hashesToFail--;
                log.add("hash failed");
                throw new IllegalStateException("no randomness yet");
            }
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

    @Test
    void aPaddedCheckBeforeAnyReferenceMeasuresTheReferenceItself() {
        UniformTimePasswordHasher hasher = new UniformTimePasswordHasher(equallySlow, pacer);

        assertThat(hasher.verify("secret", "imported:secret")).isTrue();

        assertThat(log).containsExactly("check imported:secret", "check ref:calibration 100");
    }

    @Test
    void calibratingMeasuresOnceAndThePaddedChecksUseThatMeasurement() {
        UniformTimePasswordHasher hasher = new UniformTimePasswordHasher(equallySlow, pacer);

        hasher.calibrate();
        hasher.calibrate();
        hasher.verify("secret", "imported:secret");

        assertThat(log).containsExactly("check ref:calibration 0", "check imported:secret");
    }

    @Test
    void aCalibrationUnderWayIsAwaitedNotRepeated() throws Exception {
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hashes = new AtomicInteger();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        PasswordHasher slowToHash = new PasswordHasher() {
            @Override
            public String hash(String password) {
                hashes.incrementAndGet();
                hashing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("measured");
                return "ref:" + password;
            }

            @Override
            public boolean verify(String password, String hash) {
                return false;
            }

            @Override
            public boolean needsRehash(String hash) {
                return !hash.startsWith("ref:");
            }
        };
        UniformTimePasswordHasher hasher = new UniformTimePasswordHasher(slowToHash);
        Thread first = new Thread(hasher::calibrate);
        first.start();
        assertThat(hashing.await(10, TimeUnit.SECONDS)).isTrue();
        Thread second = new Thread(() -> {
            hasher.calibrate();
            order.add("second returned");
        });
        second.start();
        second.join(200);
        assertThat(second.isAlive()).as("the second caller waits for the measurement under way").isTrue();

        release.countDown();
        first.join(10_000);
        second.join(10_000);

        assertThat(hashes).hasValue(1);
        assertThat(order).containsExactly("measured", "second returned");
    }

    @Test
    void aFailedCalibrationLeavesTheMeasurementToTheFirstPaddedCheck() {
        UniformTimePasswordHasher hasher = new UniformTimePasswordHasher(equallySlow, pacer);
        hashesToFail = 1;

        hasher.calibrate();

        assertThat(hasher.verify("secret", "imported:secret")).isTrue();
        assertThat(log).containsExactly("hash failed", "check imported:secret", "check ref:calibration 100");
    }
}
