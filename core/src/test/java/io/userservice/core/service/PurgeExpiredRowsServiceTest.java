package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.PasskeyChallenge;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.port.in.PurgeExpiredRowsUseCase.Purged;
import io.userservice.core.port.out.PasskeyState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Expired passkey challenges are purged with the single-use codes and counted among them: the
 * purge reports the codes and the challenges it deleted together, and keeps every challenge and
 * code still usable.
 */
class PurgeExpiredRowsServiceTest {

    private final PasskeyState passkeyState = InMemoryPasskeyState.create();
    private final CoreFixture fixture = new CoreFixture(b -> b.passkeys(passkeyState, new ScriptedPasskeyVerifier()));
    private final Instant now = fixture.clock.instant();
    private final long userId = fixture.aConfirmedUser("purge@example.com").id();

    private void challenge(String digest, Instant expiresAt) {
        passkeyState.challenges().save(new PasskeyChallenge(digest, PasskeyChallenge.Purpose.REGISTRATION, userId,
                expiresAt.minusSeconds(300), expiresAt));
    }

    @Test
    void expiredCodesAndExpiredPasskeyChallengesAreCountedTogether() {
        fixture.state.codes().save(new SingleUseCode("expired-code", CodePurpose.RESET_PASSWORD, userId,
                now.minusSeconds(7200), now.minusSeconds(1)));
        challenge("expired-challenge-1", now.minusSeconds(1));
        challenge("expired-challenge-2", now.minusSeconds(600));
        challenge("live-challenge", now.plusSeconds(60));

        Purged purged = fixture.core.purgeExpiredRows().purge();

        assertThat(purged.singleUseCodes()).isEqualTo(3);
        assertThat(purged.total()).isEqualTo(3);
        assertThat(passkeyState.challenges().consume("live-challenge", PasskeyChallenge.Purpose.REGISTRATION, userId,
                now)).as("a challenge still usable is kept").isTrue();
        assertThat(passkeyState.challenges().consume("expired-challenge-1", PasskeyChallenge.Purpose.REGISTRATION,
                userId, now.minusSeconds(2))).as("an expired challenge is gone").isFalse();
    }

    @Test
    void expiredPasskeyChallengesAloneAreCountedAsCodes() {
        challenge("expired-challenge", now.minusSeconds(1));

        assertThat(fixture.core.purgeExpiredRows().purge()).isEqualTo(new Purged(0, 0, 1, 0));
        assertThat(fixture.core.purgeExpiredRows().purge().total()).isZero();
    }
}
