package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.PasskeyChallenge.Purpose;
import io.userservice.core.memory.InMemoryPasskeyState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * A WebAuthn challenge is consumed once, only for the ceremony, user and binding it was issued
 * for, only before it expires, and only when the response names at most 256 bytes of it.
 */
class PasskeyChallengesTest {

    private static final long ANN = 1;
    private static final long BOB = 2;

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final Deque<String> nextSecrets = new ArrayDeque<>();
    private int counter;
    private final PasskeyChallenges challenges = new PasskeyChallenges(InMemoryPasskeyState.create().challenges(),
            () -> nextSecrets.isEmpty() ? "secret-" + ++counter : nextSecrets.pop(), clock);

    private static byte[] named(String challenge) {
        return Base64.getUrlDecoder().decode(challenge);
    }

    @Test
    void theChallengeIsTheSecretsBytesAsUnpaddedBase64Url() {
        nextSecrets.push("a-secret");

        String challenge = challenges.issue(Purpose.REGISTRATION, ANN);

        assertThat(challenge).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString("a-secret".getBytes(StandardCharsets.US_ASCII))).doesNotEndWith("=");
        assertThat(new String(named(challenge), StandardCharsets.US_ASCII)).isEqualTo("a-secret");
    }

    @Test
    void aChallengeIsConsumedOnceByItsOwnUserForItsOwnPurpose() {
        byte[] challenge = named(challenges.issue(Purpose.REGISTRATION, ANN));

        assertThat(challenges.consume(challenge, Purpose.REGISTRATION, BOB)).isFalse();
        assertThat(challenges.consume(challenge, Purpose.SECOND_FACTOR, ANN)).isFalse();
        assertThat(challenges.consume(challenge, Purpose.REGISTRATION, null)).isFalse();
        assertThat(challenges.consume(challenge, Purpose.REGISTRATION, ANN, "bound")).isFalse();
        assertThat(challenges.consume(challenge, Purpose.REGISTRATION, ANN)).isTrue();
        assertThat(challenges.consume(challenge, Purpose.REGISTRATION, ANN)).isFalse();
    }

    @Test
    void aBoundChallengeIsFoundOnlyUnderTheSameBinding() {
        byte[] challenge = named(challenges.issue(Purpose.SECOND_FACTOR, ANN, "sign-in-1"));

        assertThat(challenges.consume(challenge, Purpose.SECOND_FACTOR, ANN)).isFalse();
        assertThat(challenges.consume(challenge, Purpose.SECOND_FACTOR, ANN, "sign-in-2")).isFalse();
        assertThat(challenges.consume(challenge, Purpose.SECOND_FACTOR, ANN, "sign-in-1")).isTrue();
    }

    @Test
    void aChallengeLivesFiveMinutesAndNotAnInstantLonger() {
        byte[] late = named(challenges.issue(Purpose.SIGN_IN, null));
        byte[] inTime = named(challenges.issue(Purpose.SIGN_IN, null));

        clock.advance(PasskeyChallenges.TTL.minusMillis(1));
        assertThat(challenges.consume(inTime, Purpose.SIGN_IN, null)).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(challenges.consume(late, Purpose.SIGN_IN, null)).isFalse();
    }

    @Test
    void aResponseNamingNoBytesOrTooManyConsumesNothing() {
        assertThat(challenges.consume(null, Purpose.SIGN_IN, null)).isFalse();
        assertThat(challenges.consume(new byte[0], Purpose.SIGN_IN, null)).isFalse();

        nextSecrets.push("x".repeat(257));
        byte[] tooLong = named(challenges.issue(Purpose.SIGN_IN, null));
        assertThat(tooLong).hasSize(257);
        assertThat(challenges.consume(tooLong, Purpose.SIGN_IN, null)).isFalse();
    }

    @Test
    void aChallengeOfExactly256BytesIsStillConsumed() {
        nextSecrets.push("y".repeat(256));
        byte[] longest = named(challenges.issue(Purpose.REGISTRATION, ANN));

        assertThat(longest).hasSize(256);
        assertThat(challenges.consume(longest, Purpose.REGISTRATION, ANN)).isTrue();
    }
}
