package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.ServiceObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The observed hasher answers exactly what the hasher it wraps answers, and tells the observer of
 * each hash and each check once, with a duration that lies within the call (never negative, never
 * longer than the call took), even when the wrapped hasher fails; asking whether a hash needs a
 * rehash does no hashing and is not reported.
 */
class ObservedPasswordHasherTest {

    private final List<Duration> reported = new ArrayList<>();
    private final ServiceObserver observer = new ServiceObserver() {
        @Override
        public void passwordHashed(Duration took) {
            reported.add(took);
        }
    };
    private final PasswordHasher hasher = new ObservedPasswordHasher(new PasswordHasher() {
        @Override
        public String hash(String password) {
            if (password.isEmpty()) {
                throw new IllegalStateException("no hashing slot");
            }
            return "hashed:" + password;
        }

        @Override
        public boolean verify(String password, String hash) {
            if (password.isEmpty()) {
                throw new IllegalStateException("no hashing slot");
            }
            return hash.equals("hashed:" + password);
        }

        @Override
        public boolean needsRehash(String hash) {
            return hash.startsWith("weak:");
        }
    }, observer);

    private void assertOneReportWithin(long startedNanos, long endedNanos) {
        assertThat(reported).singleElement().satisfies(took -> assertThat(took)
                .isGreaterThanOrEqualTo(Duration.ZERO)
                .isLessThanOrEqualTo(Duration.ofNanos(endedNanos - startedNanos)));
    }

    @Test
    void aHashIsTheWrappedHashersAndIsReportedOnceWithinTheCall() {
        long started = System.nanoTime();
        String hash = hasher.hash("correct horse");
        long ended = System.nanoTime();

        assertThat(hash).isEqualTo("hashed:correct horse");
        assertOneReportWithin(started, ended);
    }

    @Test
    void aMatchingCheckIsTrueAndIsReportedOnceWithinTheCall() {
        long started = System.nanoTime();
        boolean matches = hasher.verify("correct horse", "hashed:correct horse");
        long ended = System.nanoTime();

        assertThat(matches).isTrue();
        assertOneReportWithin(started, ended);
    }

    @Test
    void aWrongPasswordIsFalseAndIsReportedLikeARightOne() {
        long started = System.nanoTime();
        boolean matches = hasher.verify("wrong horse", "hashed:correct horse");
        long ended = System.nanoTime();

        assertThat(matches).isFalse();
        assertOneReportWithin(started, ended);
    }

    @Test
    void aHashOrCheckThatFailsIsStillReported() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> hasher.hash("")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hasher.verify("", "hashed:")).isInstanceOf(IllegalStateException.class);
        long ended = System.nanoTime();

        assertThat(reported).hasSize(2).allSatisfy(took -> assertThat(took)
                .isBetween(Duration.ZERO, Duration.ofNanos(ended - started)));
    }

    @Test
    void whetherAHashNeedsARehashIsTheWrappedHashersAnswerAndIsNotReported() {
        assertThat(hasher.needsRehash("weak:abc")).isTrue();
        assertThat(hasher.needsRehash("hashed:abc")).isFalse();

        assertThat(reported).isEmpty();
    }
}
