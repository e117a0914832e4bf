package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static io.userservice.core.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.contract.Race.Outcome;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.ServiceState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link AccountStatePort} must do. A store implementation runs it by
 * extending this class with a factory for a fresh, empty state. Instants are compared to the
 * millisecond.
 */
public abstract class AccountStateContract {

    private static final Instant LATER = T0.plusSeconds(60);

    private AccountStatePort accounts;
    private long ann;
    private long bob;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openState() {
        accounts = newState().accounts();
        ann = aUserId();
        bob = aUserId();
    }

    @Test
    void aUserNothingWasRecordedAboutIsInTheInitialState() {
        assertThat(accounts.stateOf(ann)).isEqualTo(AccountState.initial());
    }

    @Test
    void severalStatesAreReadAsEachIsAlone() {
        long cat = aUserId();
        accounts.grant(ann, Role.ADMIN);
        accounts.grant(ann, Role.USER_EDIT);
        accounts.deactivate(bob, T0);

        java.util.Map<Long, AccountState> states = accounts.statesOf(java.util.List.of(ann, bob, cat));

        assertThat(states).hasSize(3);
        assertThat(states.get(ann)).isEqualTo(accounts.stateOf(ann));
        assertThat(states.get(ann).roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.USER_EDIT);
        assertThat(states.get(bob)).isEqualTo(accounts.stateOf(bob));
        assertThat(states.get(bob).deactivatedAt()).isNotNull();
        assertThat(states.get(cat)).isEqualTo(AccountState.initial());
        assertThat(accounts.statesOf(java.util.List.of())).isEmpty();
    }

    @Test
    void aPasswordChangeRaisesTheEpochAndSetsValidAfter() {
        accounts.passwordChanged(ann, T0);
        accounts.passwordChanged(ann, LATER);

        AccountState state = accounts.stateOf(ann);
        assertThat(state.credentialEpoch()).isEqualTo(2);
        assertThat(millis(state.validAfter())).isEqualTo(millis(LATER));
        assertThat(state.deactivatedAt()).isNull();
        assertThat(accounts.stateOf(bob)).isEqualTo(AccountState.initial());
    }

    @Test
    void aConditionalPasswordChangeRaisesTheEpochOnlyFromTheExpectedOneOfAnActiveUser() {
        boolean fromInitial = accounts.passwordChangedIfEpoch(ann, 0, T0);
        boolean stale = accounts.passwordChangedIfEpoch(ann, 0, LATER);
        accounts.deactivate(bob, T0);
        boolean deactivated = accounts.passwordChangedIfEpoch(bob, 1, LATER);

        assertThat(fromInitial).isTrue();
        assertThat(stale).isFalse();
        assertThat(accounts.stateOf(ann).credentialEpoch()).isEqualTo(1);
        assertThat(millis(accounts.stateOf(ann).validAfter())).isEqualTo(millis(T0));
        assertThat(deactivated).isFalse();
        assertThat(accounts.stateOf(bob).credentialEpoch()).isEqualTo(1);
        assertThat(millis(accounts.stateOf(bob).validAfter())).isEqualTo(millis(T0));
    }

    @Test
    void concurrentConditionalPasswordChangesFromOneEpochHaveOneWinner() {
        accounts.passwordChanged(ann, T0);

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> accounts.passwordChangedIfEpoch(ann, 1, LATER));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(Race.winners(outcomes)).containsOnlyOnce(true);
        assertThat(accounts.stateOf(ann).credentialEpoch()).isEqualTo(2);
    }

    @Test
    void deactivationRaisesTheEpochAndReactivationKeepsIt() {
        accounts.deactivate(ann, T0);
        AccountState deactivated = accounts.stateOf(ann);
        accounts.reactivate(ann);
        AccountState reactivated = accounts.stateOf(ann);

        assertThat(millis(deactivated.deactivatedAt())).isEqualTo(millis(T0));
        assertThat(millis(deactivated.validAfter())).isEqualTo(millis(T0));
        assertThat(deactivated.credentialEpoch()).isEqualTo(1);
        assertThat(reactivated.deactivatedAt()).isNull();
        assertThat(millis(reactivated.validAfter())).isEqualTo(millis(T0));
        assertThat(reactivated.credentialEpoch()).isEqualTo(1);
    }

    @Test
    void reactivatingAUserNeverDeactivatedChangesNothing() {
        accounts.reactivate(ann);

        assertThat(accounts.stateOf(ann)).isEqualTo(AccountState.initial());
    }

    @Test
    void grantedRolesShowOnTheUserOnlyAndAGrantTwiceChangesNothing() {
        assertThat(accounts.grant(ann, Role.ADMIN)).isTrue();
        assertThat(accounts.grant(ann, Role.USER_EDIT)).isTrue();
        assertThat(accounts.grant(ann, Role.ADMIN)).isFalse();

        assertThat(accounts.stateOf(ann).roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.USER_EDIT);
        assertThat(accounts.stateOf(ann).credentialEpoch()).isZero();
        assertThat(accounts.stateOf(bob).roles()).isEmpty();
    }

    @Test
    void revokingARoleRaisesTheEpochOnceAndRevokingOneNotHeldChangesNothing() {
        accounts.grant(ann, Role.ADMIN);
        accounts.grant(ann, Role.USER_EDIT);

        assertThat(accounts.revoke(ann, Role.ADMIN)).isTrue();
        assertThat(accounts.revoke(ann, Role.ADMIN)).isFalse();
        assertThat(accounts.revoke(bob, Role.ADMIN)).isFalse();

        assertThat(accounts.stateOf(ann).roles()).containsExactly(Role.USER_EDIT);
        assertThat(accounts.stateOf(ann).credentialEpoch()).isEqualTo(1);
        assertThat(accounts.stateOf(bob)).isEqualTo(AccountState.initial());
    }

    @Test
    void rolesSurviveEveryOtherChange() {
        accounts.grant(ann, Role.ADMIN);
        accounts.passwordChanged(ann, T0);
        accounts.deactivate(ann, LATER);
        accounts.reactivate(ann);

        assertThat(accounts.stateOf(ann).roles()).containsExactly(Role.ADMIN);
        assertThat(accounts.stateOf(ann).credentialEpoch()).isEqualTo(2);
    }

    @Test
    void concurrentChangesEachRaiseTheEpoch() {
        accounts.grant(ann, Role.ADMIN);

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS, i -> {
            if (i == 0) {
                return accounts.revoke(ann, Role.ADMIN);
            }
            if (i % 2 == 0) {
                accounts.passwordChanged(ann, T0);
            } else {
                accounts.deactivate(ann, T0);
            }
            return true;
        });

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(accounts.stateOf(ann).credentialEpoch()).isEqualTo(Race.RACERS);
        assertThat(accounts.stateOf(ann).roles()).isEmpty();
    }

    @Test
    void concurrentFirstChangesOfAUserAllCount() {
        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS, i -> {
            accounts.passwordChanged(ann, T0);
            return true;
        });

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(accounts.stateOf(ann).credentialEpoch()).isEqualTo(Race.RACERS);
    }
}
