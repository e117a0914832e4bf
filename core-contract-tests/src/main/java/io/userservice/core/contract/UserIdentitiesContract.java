package io.userservice.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.contract.Race.Outcome;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserIdentitiesPort;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link UserIdentitiesPort} must do. A store implementation runs it
 * by extending this class with a factory for a fresh, empty state. Ids need not follow any order.
 */
public abstract class UserIdentitiesContract {

    private UserIdentitiesPort identities;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openState() {
        identities = newState().identities();
    }

    @Test
    void aKeyGetsOneIdForeverAndTheIdLeadsBackToIt() {
        long ann = identities.idOf("ldap", "8b0e5c1a-ann");
        long bob = identities.idOf("ldap", "cn=Bob,ou=people,dc=example,dc=com");

        assertThat(identities.idOf("ldap", "8b0e5c1a-ann")).isEqualTo(ann);
        assertThat(bob).isNotEqualTo(ann);
        assertThat(identities.keyOf("ldap", ann)).contains("8b0e5c1a-ann");
        assertThat(identities.keyOf("ldap", bob)).contains("cn=Bob,ou=people,dc=example,dc=com");
    }

    @Test
    void keysAreComparedExactlyAndPerDirectory() {
        long lower = identities.idOf("ldap", "abc");

        assertThat(identities.idOf("ldap", "ABC")).isNotEqualTo(lower);
        assertThat(identities.idOf("ldap", "abc ")).isNotEqualTo(lower);
        assertThat(identities.idOf("other", "abc")).isNotEqualTo(lower);
        assertThat(identities.keyOf("other", lower)).isEmpty();
    }

    @Test
    void anIdNeverAssignedHasNoKey() {
        long assigned = identities.idOf("ldap", "someone");

        assertThat(identities.keyOf("ldap", assigned + 1_000_000)).isEmpty();
    }

    @Test
    void concurrentFirstLookupsOfOneKeyAllGetTheSameId() {
        List<Outcome<Long>> outcomes = Race.run(Race.RACERS, i -> identities.idOf("ldap", "raced-key"));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(Race.winners(outcomes)).containsOnly(identities.idOf("ldap", "raced-key"));
    }

    @Test
    void theStateStaysWithTheDirectoryItWasFirstBoundTo() {
        identities.bindTo("ldap");

        assertThatCode(() -> identities.bindTo("ldap")).doesNotThrowAnyException();
        assertThatThrownBy(() -> identities.bindTo("jdbc")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ldap").hasMessageContaining("jdbc");
    }
}
