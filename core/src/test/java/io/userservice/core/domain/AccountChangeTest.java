package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The changes to a user's account state, decided once here and stored as they are by every store. */
class AccountChangeTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = T0.plusSeconds(60);
    private static final AccountState ADMIN_AT_3 = new AccountState(3, null, null, Set.of(new Role("admin")));

    @Test
    void deactivationSetsValidAfterAndTheMarkAndEndsSessions() {
        AccountState after = AccountChange.deactivation(T0).applyTo(ADMIN_AT_3);

        assertThat(after).isEqualTo(new AccountState(4, T0, T0, Set.of(new Role("admin"))));
    }

    @Test
    void reactivationClearsTheMarkOnlySoEarlierTokensStayInvalid() {
        AccountState after = AccountChange.reactivation().applyTo(AccountChange.deactivation(T0).applyTo(ADMIN_AT_3));

        assertThat(after).isEqualTo(new AccountState(4, T0, null, Set.of(new Role("admin"))));
    }

    @Test
    void aPasswordChangeOrSigningOutEverywhereSetsValidAfterAndKeepsTheMark() {
        AccountState deactivated = AccountChange.deactivation(T0).applyTo(ADMIN_AT_3);

        assertThat(AccountChange.passwordChanged(LATER).applyTo(deactivated))
                .isEqualTo(new AccountState(5, LATER, T0, Set.of(new Role("admin"))));
        assertThat(AccountChange.signedOutEverywhere(LATER)).isEqualTo(AccountChange.passwordChanged(LATER));
    }

    @Test
    void aDeactivationInstantGoesOnlyWithSettingTheMark() {
        assertThatThrownBy(() -> new AccountChange(true, T0, AccountChange.Deactivation.KEEP, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountChange(true, T0, AccountChange.Deactivation.SET, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
