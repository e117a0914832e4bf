package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.aUserId;
import static io.userservice.core.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.contract.Race.Outcome;
import io.userservice.core.domain.MfaChallenge;
import io.userservice.core.domain.TotpFactor;
import io.userservice.core.port.out.MfaChallengePort;
import io.userservice.core.port.out.SecondFactorPort;
import io.userservice.core.port.out.ServiceState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link SecondFactorPort} and {@link MfaChallengePort} must do. The
 * races run on two instances of the store over the same data (two pools on one database, for a
 * database store), half the racers on each, as two servers would.
 */
public abstract class SecondFactorContract {

    private static final Instant T0 = StoreFixtures.T0;
    private static final Instant EXPIRES = T0.plusSeconds(300);
    private static final Instant NOW = T0.plusSeconds(10);
    private static final int MAX = 5;

    private ServiceState one;
    private ServiceState two;
    private long ann;
    private long bob;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    /**
     * Another instance of the store over the same data as {@code state} (for a database store: a
     * second pool on the same database). Stores in memory return {@code state} itself.
     */
    protected ServiceState sameDataElsewhere(ServiceState state) {
        return state;
    }

    @BeforeEach
    void openStores() {
        one = newState();
        two = sameDataElsewhere(one);
        ann = aUserId();
        bob = aUserId();
    }

    private SecondFactorPort factors() {
        return one.secondFactors();
    }

    private MfaChallengePort challenges() {
        return one.mfaChallenges();
    }

    private void annIsOn() {
        factors().savePendingTotp(ann, "sealed-secret", T0);
        factors().enableTotp(ann, 100, T0);
    }

    @Test
    void aPendingAuthenticatorIsKeptUntilConfirmedAndMayBeReplaced() {
        assertThat(factors().totp(ann)).isEmpty();
        assertThat(factors().savePendingTotp(ann, "first", T0)).isTrue();
        assertThat(factors().savePendingTotp(ann, "second", T0.plusSeconds(1))).isTrue();

        TotpFactor pending = factors().totp(ann).orElseThrow();

        assertThat(pending.storedSecret()).isEqualTo("second");
        assertThat(millis(pending.createdAt())).isEqualTo(millis(T0.plusSeconds(1)));
        assertThat(pending.enabled()).isFalse();
        assertThat(factors().totp(bob)).isEmpty();
    }

    @Test
    void enablingSetsTheUsedStepOnceAndThenTheSecretIsFixed() {
        factors().savePendingTotp(ann, "secret", T0);

        assertThat(factors().enableTotp(ann, 100, NOW)).isTrue();
        assertThat(factors().enableTotp(ann, 200, NOW)).isFalse();
        assertThat(factors().enableTotp(bob, 100, NOW)).as("nothing pending").isFalse();
        assertThat(factors().savePendingTotp(ann, "other", NOW)).isFalse();

        TotpFactor on = factors().totp(ann).orElseThrow();
        assertThat(on.storedSecret()).isEqualTo("secret");
        assertThat(millis(on.enabledAt())).isEqualTo(millis(NOW));
        assertThat(on.lastUsedStep()).isEqualTo(100);
    }

    @Test
    void aStepIsUsedOnlyAfterTheLastUsedOne() {
        annIsOn();

        assertThat(factors().useTotpStep(ann, 100)).isFalse();
        assertThat(factors().useTotpStep(ann, 99)).isFalse();
        assertThat(factors().useTotpStep(ann, 101)).isTrue();
        assertThat(factors().useTotpStep(ann, 101)).isFalse();
        assertThat(factors().useTotpStep(ann, 103)).isTrue();
        assertThat(factors().useTotpStep(ann, 102)).isFalse();
        assertThat(factors().totp(ann).orElseThrow().lastUsedStep()).isEqualTo(103);
    }

    @Test
    void aPendingAuthenticatorUsesNoStep() {
        factors().savePendingTotp(ann, "secret", T0);

        assertThat(factors().useTotpStep(ann, 1)).isFalse();
    }

    @Test
    void oneStepRacedOnTwoInstancesHasExactlyOneWinner() {
        annIsOn();

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> (i % 2 == 0 ? one : two).secondFactors().useTotpStep(ann, 101));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(Race.winners(outcomes)).filteredOn(won -> won).hasSize(1);
    }

    @Test
    void recoveryCodesWorkOnceEachAndANewSetKillsTheOld() {
        factors().replaceRecoveryCodes(ann, List.of("a", "b", "c"), T0);
        factors().replaceRecoveryCodes(bob, List.of("a"), T0);

        assertThat(factors().recoveryCodesLeft(ann)).isEqualTo(3);
        assertThat(factors().useRecoveryCode(ann, "b", NOW)).isTrue();
        assertThat(factors().useRecoveryCode(ann, "b", NOW)).isFalse();
        assertThat(factors().useRecoveryCode(ann, "B", NOW)).isFalse();
        assertThat(factors().useRecoveryCode(ann, "unknown", NOW)).isFalse();
        assertThat(factors().recoveryCodesLeft(ann)).isEqualTo(2);
        assertThat(factors().recoveryCodesLeft(bob)).isEqualTo(1);

        factors().replaceRecoveryCodes(ann, List.of("d", "e"), NOW);

        assertThat(factors().useRecoveryCode(ann, "a", NOW)).isFalse();
        assertThat(factors().useRecoveryCode(ann, "d", NOW)).isTrue();
        assertThat(factors().recoveryCodesLeft(ann)).isEqualTo(1);
        assertThat(factors().useRecoveryCode(bob, "a", NOW)).as("another user's set is untouched").isTrue();
    }

    @Test
    void oneRecoveryCodeRacedOnTwoInstancesHasExactlyOneWinner() {
        factors().replaceRecoveryCodes(ann, List.of("code", "other"), T0);

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> (i % 2 == 0 ? one : two).secondFactors().useRecoveryCode(ann, "code", NOW));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(Race.winners(outcomes)).filteredOn(won -> won).hasSize(1);
        assertThat(factors().recoveryCodesLeft(ann)).isEqualTo(1);
    }

    @Test
    void removeAllTellsWhetherAnAuthenticatorWasOnAndLeavesOthersAlone() {
        annIsOn();
        factors().replaceRecoveryCodes(ann, List.of("a"), T0);
        factors().savePendingTotp(bob, "pending", T0);
        factors().replaceRecoveryCodes(bob, List.of("b"), T0);

        assertThat(factors().removeAll(ann)).isTrue();
        assertThat(factors().removeAll(ann)).isFalse();
        assertThat(factors().totp(ann)).isEmpty();
        assertThat(factors().recoveryCodesLeft(ann)).isZero();
        assertThat(factors().totp(bob)).isPresent();
        assertThat(factors().removeAll(bob)).as("only pending").isFalse();
        assertThat(factors().totp(bob)).isEmpty();
    }

    private MfaChallenge challenge(String hash, long userId) {
        return new MfaChallenge(hash, userId, 3, "native", "device-1", T0, EXPIRES);
    }

    @Test
    void aLiveChallengeIsFoundAsSaved() {
        challenges().save(challenge("hash", ann));
        challenges().save(new MfaChallenge("no-device", bob, 0, "portal", null, T0, EXPIRES));

        MfaChallenge found = challenges().findLive("hash", NOW, MAX).orElseThrow();

        assertThat(new MfaChallenge(found.tokenHash(), found.userId(), found.credentialEpoch(), found.channel(),
                found.deviceId(), millis(found.createdAt()), millis(found.expiresAt()))).isEqualTo(new MfaChallenge(
                "hash", ann, 3, "native", "device-1", millis(T0), millis(EXPIRES)));
        assertThat(challenges().findLive("no-device", NOW, MAX).orElseThrow().deviceId()).isNull();
        assertThat(challenges().findLive("HASH", NOW, MAX)).isEmpty();
    }

    @Test
    void aChallengeWorksOnceAndUntilTheMillisecondBeforeItsExpiry() {
        challenges().save(challenge("hash", ann));
        challenges().save(challenge("late", ann));

        assertThat(challenges().consume("late", EXPIRES, MAX)).isFalse();
        assertThat(challenges().consume("hash", EXPIRES.minusMillis(1), MAX)).isTrue();
        assertThat(challenges().consume("hash", NOW, MAX)).isFalse();
        assertThat(challenges().findLive("hash", NOW, MAX)).isEmpty();
    }

    @Test
    void wrongCodesKillTheChallengeAtTheLimit() {
        challenges().save(challenge("hash", ann));
        for (int i = 0; i < MAX - 1; i++) {
            challenges().countFailure("hash", MAX);
        }
        assertThat(challenges().findLive("hash", NOW, MAX)).isPresent();

        challenges().countFailure("hash", MAX);

        assertThat(challenges().findLive("hash", NOW, MAX)).isEmpty();
        assertThat(challenges().consume("hash", NOW, MAX)).isFalse();
    }

    @Test
    void racingWrongCodesOnTwoInstancesNeverCountPastTheLimit() {
        challenges().save(challenge("hash", ann));

        Race.run(Race.RACERS, i -> {
            (i % 2 == 0 ? one : two).mfaChallenges().countFailure("hash", MAX);
            return null;
        });

        assertThat(challenges().findLive("hash", NOW, MAX)).isEmpty();
        assertThat(challenges().findLive("hash", NOW, Race.RACERS)).as("counted only up to the limit").isPresent();
    }

    @Test
    void oneChallengeRacedOnTwoInstancesHasExactlyOneWinner() {
        challenges().save(challenge("hash", ann));

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> (i % 2 == 0 ? one : two).mfaChallenges().consume("hash", NOW, MAX));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(Race.winners(outcomes)).filteredOn(won -> won).hasSize(1);
    }

    @Test
    void expiredChallengesArePurgedAndAUsersChallengesErased() {
        challenges().save(challenge("old", ann));
        challenges().save(new MfaChallenge("new", ann, 3, "native", null, NOW, NOW.plusSeconds(300)));
        challenges().save(challenge("bob", bob));

        assertThat(challenges().deleteExpiredBefore(EXPIRES.plusMillis(1))).isEqualTo(2);
        assertThat(challenges().findLive("new", NOW, MAX)).isPresent();
        assertThat(challenges().eraseUser(ann)).isEqualTo(1);
        assertThat(challenges().findLive("new", NOW, MAX)).isEmpty();
    }
}
