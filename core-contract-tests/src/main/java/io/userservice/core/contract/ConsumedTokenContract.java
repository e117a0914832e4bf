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
}
