package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.out.PasswordHasher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which work a check does and which wait it asks for, on a fake clock: no check here is timed.
 * Hashes of the current settings ("ref:") take what the test says a reference check takes, other
 * hashes ("imported:") what the test says they take.
 */
class UniformTimePasswordHasherTest {

    private final List<String> log = new ArrayList<>();
    private long now;
    private long referenceCheck = 100;
    private long importedCheck = 30;

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

    private final PasswordHasher fake = new PasswordHasher() {
        @Override
        public String hash(String password) {
            log.add("hash");
            return "ref:" + password;
        }

        @Override
        public boolean verify(String password, String hash) {
            boolean reference = hash.startsWith("ref:");
            log.add(reference ? "reference check" : "imported check");
            now += reference ? referenceCheck : importedCheck;
            return hash.endsWith(":" + password);
        }

        @Override
        public boolean needsRehash(String hash) {
            return !hash.startsWith("ref:");
        }
    };

    private final UniformTimePasswordHasher hasher = new UniformTimePasswordHasher(fake, pacer);

    private long timed(Runnable check) {
        long started = now;
        check.run();
        return now - started;
    }

    @Test
    void aCheckOfAnImportedHashWaitsForTheRestOfAReferenceCheck() {
        hasher.verify("someone", "ref:nobody");
        log.clear();

        long wrongPassword = timed(() -> assertThat(hasher.verify("guess", "imported:secret")).isFalse());

        assertThat(log).containsExactly("imported check", "wait 70");
        assertThat(wrongPassword).isEqualTo(referenceCheck);
        assertThat(timed(() -> assertThat(hasher.verify("guess", "ref:secret")).isFalse())).isEqualTo(wrongPassword);
    }

    @Test
    void aReferenceCheckNeverWaits() {
        hasher.verify("a", "ref:b");
        log.clear();

        assertThat(hasher.verify("b", "ref:b")).isTrue();

        assertThat(log).containsExactly("reference check");
    }

    @Test
    void withoutAReferenceCheckYetOneIsMeasuredOnADummyHashFirst() {
        long took = timed(() -> hasher.verify("guess", "imported:secret"));

        assertThat(log).containsExactly("imported check", "hash", "reference check", "wait 70");
        assertThat(took - referenceCheck).as("the check plus its wait, after the calibration")
                .isEqualTo(referenceCheck);
    }

    @Test
    void theWaitFollowsTheMedianOfTheRecentReferenceChecks() {
        for (int i = 0; i < UniformTimePasswordHasher.SAMPLES; i++) {
            hasher.verify("x", "ref:y");
        }
        referenceCheck = 400;
        for (int i = 0; i < UniformTimePasswordHasher.SAMPLES / 2 + 1; i++) {
            hasher.verify("x", "ref:y");
        }
        log.clear();

        hasher.verify("guess", "imported:secret");

        assertThat(log).containsExactly("imported check", "wait 370");
    }

    @Test
    void aCheckThatTookLongerThanAReferenceCheckDoesNotWait() {
        hasher.verify("x", "ref:y");
        importedCheck = 250;
        log.clear();

        assertThat(hasher.verify("secret", "imported:secret")).isTrue();

        assertThat(log).containsExactly("imported check");
    }

    @Test
    void importedParametersAreCoveredOnlyUpToTheirMeasuredCostAtTheConfiguredBcryptCost() {
        String salt = Base64.getEncoder().encodeToString(new byte[16]);
        String key = Base64.getEncoder().encodeToString(new byte[64]);
        String keycloak24 = "$pbkdf2-sha512$i=210000$" + salt + "$" + key;
        String keycloak20 = "$pbkdf2-sha256$i=27500$" + salt + "$" + key;

        assertThat(UniformTimePasswordHasher.coversTheCostOf(keycloak20, 10)).isTrue();
        assertThat(UniformTimePasswordHasher.coversTheCostOf(keycloak20, 9)).isFalse();
        assertThat(UniformTimePasswordHasher.coversTheCostOf(keycloak24, 11)).isFalse();
        assertThat(UniformTimePasswordHasher.coversTheCostOf(keycloak24, 12)).isTrue();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$argon2id$v=19$m=19456,t=2,p=1$"
                + "c29tZXNhbHRzb21lc2FsdA$" + "a".repeat(43), 10)).isTrue();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$argon2id$v=19$m=65536,t=3,p=4$"
                + "c29tZXNhbHRzb21lc2FsdA$" + "a".repeat(43), 12)).isFalse();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$2b$10$" + "a".repeat(53), 10)).isTrue();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$2b$11$" + "a".repeat(53), 10)).isFalse();
        assertThat(UniformTimePasswordHasher.coversTheCostOf("$pbkdf2-sha256$i=1000$not base64", 31)).isFalse();
    }
}
