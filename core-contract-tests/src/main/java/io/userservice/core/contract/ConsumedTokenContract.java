package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.out.ConsumedTokenPort;
import io.userservice.core.port.out.ServiceState;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConsumedTokenPort} must do. */
public abstract class ConsumedTokenContract {

    private ConsumedTokenPort consumed;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        consumed = newState().consumedTokens();
    }

    @Test
    void theFirstUseWinsAndEveryLaterOneLoses() {
        assertThat(consumed.consumeOnce("jti-1", T0.plusSeconds(60))).isTrue();
        assertThat(consumed.consumeOnce("jti-1", T0.plusSeconds(60))).isFalse();
        assertThat(consumed.consumeOnce("jti-1", T0.plusSeconds(120))).isFalse();
    }

    @Test
    void tokenIdsAreComparedExactly() {
        assertThat(consumed.consumeOnce("AbC", T0)).isTrue();
        assertThat(consumed.consumeOnce("abc", T0)).isTrue();
        assertThat(consumed.consumeOnce("abc ", T0)).isTrue();
    }

    @Test
    void ofRacingUsesExactlyOneWins() {
        List<Race.Outcome<Boolean>> outcomes = Race.run(Race.RACERS, i -> consumed.consumeOnce("raced", T0));

        assertThat(outcomes).allMatch(outcome -> outcome.failure() == null);
        assertThat(outcomes).filteredOn(outcome -> Boolean.TRUE.equals(outcome.value())).hasSize(1);
    }

    @Test
    void purgingForgetsOnlyTheUsesOfTokensExpiredBeforeTheCutoff() {
        consumed.consumeOnce("old", T0.minusSeconds(1));
        consumed.consumeOnce("at-cutoff", T0);
        consumed.consumeOnce("live", T0.plusSeconds(60));

        assertThat(consumed.deleteExpiredBefore(T0)).isEqualTo(1);

        assertThat(consumed.consumeOnce("old", T0.plusSeconds(60))).as("forgotten").isTrue();
        assertThat(consumed.consumeOnce("at-cutoff", T0.plusSeconds(60))).isFalse();
        assertThat(consumed.consumeOnce("live", T0.plusSeconds(60))).isFalse();
    }

    @Test
    void racingPurgesDeleteEachRecordOnce() {
        for (int i = 0; i < 30; i++) {
            consumed.consumeOnce("old-" + i, T0.minusSeconds(1 + i));
            consumed.consumeOnce("live-" + i, T0.plusSeconds(1 + i));
        }

        List<Race.Outcome<Integer>> outcomes = Race.run(Race.RACERS, i -> consumed.deleteExpiredBefore(T0));

        assertThat(outcomes).allMatch(outcome -> outcome.failure() == null);
        assertThat(outcomes.stream().mapToInt(Race.Outcome::value).sum()).isEqualTo(30);
        assertThat(consumed.consumeOnce("live-0", T0)).isFalse();
    }
}
