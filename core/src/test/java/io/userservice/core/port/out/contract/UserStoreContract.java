package io.userservice.core.port.out.contract;

import static io.userservice.core.port.out.contract.StoreFixtures.ANOTHER_HASH;
import static io.userservice.core.port.out.contract.StoreFixtures.A_HASH;
import static io.userservice.core.port.out.contract.StoreFixtures.T0;
import static io.userservice.core.port.out.contract.StoreFixtures.aNewUser;
import static io.userservice.core.port.out.contract.StoreFixtures.atMillis;
import static io.userservice.core.port.out.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.NewUser;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.SaveUserPort;
import io.userservice.core.port.out.contract.Race.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link LoadUserPort} and {@link SaveUserPort} must do. A store
 * implementation runs it by extending this class with a factory for fresh, empty stores.
 *
 * <p>Stores must keep instants to at least the millisecond; instants are compared at that
 * precision, so a store may drop finer digits.
 */
public abstract class UserStoreContract {

    private static final Instant LATER = T0.plusSeconds(3600);

    private LoadUserPort load;
    private SaveUserPort save;

    /** Fresh, empty stores; called before each test. */
    protected abstract CoreStores newStores();

    @BeforeEach
    void openStores() {
        CoreStores stores = newStores();
        load = stores.loadUsers();
        save = stores.saveUsers();
    }

    @Test
    void createReturnsTheUserWithItsNewId() {
        NewUser newUser = aNewUser("ada@example.com");

        User created = save.create(newUser);

        assertThat(created.id()).isPositive();
        assertThat(atMillis(created)).isEqualTo(atMillis(newUser.withId(created.id())));
    }

    @Test
    void createAssignsIncreasingIds() {
        long first = save.create(aNewUser()).id();
        long second = save.create(aNewUser()).id();
        long third = save.create(aNewUser()).id();

        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void everyFieldRoundTrips() {
        NewUser newUser = new NewUser(UUID.randomUUID(), Email.of("grace.o'brien+test@example.com"), A_HASH,
                "Grace 'Gracie' \"G\"", "Hopper-Zoë 名前 😀", "pt-BR", 7,
                Set.of(Role.ADMIN, Role.USER_EDIT, new Role("billing-2")), true, T0);

        User created = save.create(newUser);

        User expected = atMillis(newUser.withId(created.id()));
        assertThat(load.findById(created.id()).map(StoreFixtures::atMillis)).contains(expected);
        assertThat(load.findByEmail(newUser.email()).map(StoreFixtures::atMillis)).contains(expected);
    }

    @Test
    void absentNamesAndNoRolesRoundTrip() {
        NewUser newUser = new NewUser(UUID.randomUUID(), Email.of("plain@example.com"), A_HASH, null, null, "en",
                0, Set.of(), false, T0);

        User created = save.create(newUser);

        assertThat(load.findById(created.id()).map(StoreFixtures::atMillis))
                .contains(atMillis(newUser.withId(created.id())));
    }

    @Test
    void instantsAreKeptToTheMillisecond() {
        User created = save.create(aNewUser());

        User found = load.findById(created.id()).orElseThrow();

        assertThat(millis(found.createdAt())).isEqualTo(millis(T0));
        assertThat(millis(found.updatedAt())).isEqualTo(millis(T0));
    }

    @Test
    void theLongestEmailRoundTrips() {
        String local = "a".repeat(64);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        Email longest = Email.of(local + "@" + domain);
        assertThat(longest.value()).hasSize(254);

        User created = save.create(aNewUser(longest.value()));

        assertThat(load.findByEmail(longest).map(User::id)).contains(created.id());
    }

    @Test
    void findByIdOfAnUnknownUserIsEmpty() {
        long id = save.create(aNewUser()).id();

        assertThat(load.findById(id + 1000)).isEmpty();
        assertThat(load.findById(-1)).isEmpty();
    }

    @Test
    void findByEmailMatchesTheCanonicalEmailExactly() {
        long id = save.create(aNewUser("ann@example.com")).id();

        assertThat(load.findByEmail(Email.of("ann@example.com")).map(User::id)).contains(id);
        assertThat(load.findByEmail(Email.of(" ANN@Example.COM ")).map(User::id)).contains(id);
        assertThat(load.findByEmail(Email.of("an@example.com"))).isEmpty();
        assertThat(load.findByEmail(Email.of("ann@example.co"))).isEmpty();
        assertThat(load.findByEmail(Email.of("ann@example.com.au"))).isEmpty();
        assertThat(load.findByEmail(Email.of("a_n@example.com"))).as("not a LIKE pattern").isEmpty();
        assertThat(load.findByEmail(Email.of("a%@example.com"))).as("not a LIKE pattern").isEmpty();
    }

    @Test
    void createRejectsAnEmailThatIsTaken() {
        User first = save.create(new NewUser(UUID.randomUUID(), Email.of("ann@example.com"), A_HASH, "Ann", null,
                "en", 0, Set.of(Role.ADMIN), true, T0));
        NewUser second = new NewUser(UUID.randomUUID(), Email.of(" Ann@Example.com"), ANOTHER_HASH, "Impostor",
                null, "de", 3, Set.of(Role.USER_EDIT), false, LATER);

        assertThatThrownBy(() -> save.create(second)).isInstanceOf(EmailAlreadyTakenException.class);

        assertThat(load.findByEmail(first.email()).map(StoreFixtures::atMillis)).contains(atMillis(first));
    }

    @Test
    void concurrentCreatesOfOneEmailYieldExactlyOneUser() {
        List<Outcome<User>> outcomes = Race.run(Race.RACERS, i -> save.create(aNewUser("race@example.com")));

        List<User> created = Race.winners(outcomes);
        assertThat(created).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded())
                .allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(EmailAlreadyTakenException.class));
        assertThat(load.findByEmail(Email.of("race@example.com")).map(User::id)).contains(created.get(0).id());
    }

    @Test
    void updateNamesChangesTheNamesAndTheUpdateTime() {
        User user = save.create(aNewUser());

        assertThat(save.updateNames(user.id(), "Grace", "O'Hopper 😀", LATER)).isTrue();

        assertThat(load.findById(user.id()).map(StoreFixtures::atMillis))
                .contains(atMillis(user.renamed("Grace", "O'Hopper 😀", LATER)));
    }

    @Test
    void updateNamesMayClearTheNames() {
        User user = save.create(aNewUser());

        assertThat(save.updateNames(user.id(), null, null, LATER)).isTrue();

        User found = load.findById(user.id()).orElseThrow();
        assertThat(found.firstname()).isNull();
        assertThat(found.lastname()).isNull();
    }

    @Test
    void updateNamesOfAnUnknownUserReturnsFalse() {
        long id = save.create(aNewUser()).id();

        assertThat(save.updateNames(id + 1000, "Grace", "Hopper", LATER)).isFalse();
        assertThat(load.findById(id + 1000)).isEmpty();
    }

    @Test
    void markConfirmedConfirmsTheUser() {
        User user = save.create(aNewUser());

        assertThat(save.markConfirmed(user.id(), LATER)).isTrue();

        assertThat(load.findById(user.id()).map(StoreFixtures::atMillis))
                .contains(atMillis(user.confirmedAt(LATER)));
    }

    @Test
    void markConfirmedOfAConfirmedUserReturnsTrue() {
        User user = save.create(aNewUser());
        save.markConfirmed(user.id(), LATER);

        assertThat(save.markConfirmed(user.id(), LATER.plusSeconds(60))).isTrue();

        assertThat(load.findById(user.id()).map(User::confirmed)).contains(true);
    }

    @Test
    void markConfirmedOfAnUnknownUserReturnsFalse() {
        long id = save.create(aNewUser()).id();

        assertThat(save.markConfirmed(id + 1000, LATER)).isFalse();
    }

    @Test
    void updatePasswordHashReplacesTheHash() {
        User user = save.create(aNewUser());

        assertThat(save.updatePasswordHash(user.id(), ANOTHER_HASH, LATER)).isTrue();

        assertThat(load.findById(user.id()).map(StoreFixtures::atMillis))
                .contains(atMillis(user.withPasswordHash(ANOTHER_HASH, LATER)));
    }

    @Test
    void updatePasswordHashSetsValidAfterToTheMillisecond() {
        User user = save.create(aNewUser());

        save.updatePasswordHash(user.id(), ANOTHER_HASH, LATER);

        User found = load.findById(user.id()).orElseThrow();
        assertThat(millis(found.validAfter())).isEqualTo(millis(LATER));
        assertThat(found.accepts(millis(LATER), found.credentialEpoch())).isTrue();
        assertThat(found.accepts(millis(LATER).minusMillis(1), found.credentialEpoch())).isFalse();
    }

    @Test
    void aPasswordChangeAndADeactivationEachRaiseTheCredentialEpochByOne() {
        User user = save.create(aNewUser());
        long before = load.findById(user.id()).orElseThrow().credentialEpoch();

        save.updatePasswordHash(user.id(), ANOTHER_HASH, LATER);
        long afterReset = load.findById(user.id()).orElseThrow().credentialEpoch();
        save.upgradePasswordHash(user.id(), ANOTHER_HASH, A_HASH, LATER);
        long afterUpgrade = load.findById(user.id()).orElseThrow().credentialEpoch();
        save.deactivate(user.id(), LATER);
        save.reactivate(user.id(), LATER);
        User found = load.findById(user.id()).orElseThrow();

        assertThat(afterReset).isEqualTo(before + 1);
        assertThat(afterUpgrade).isEqualTo(afterReset);
        assertThat(found.credentialEpoch()).isEqualTo(before + 2);
        assertThat(found.accepts(LATER.plusSeconds(1), before + 1)).isFalse();
        assertThat(found.accepts(LATER.plusSeconds(1), before + 2)).isTrue();
    }

    @Test
    void upgradePasswordHashKeepsValidAfter() {
        User user = save.create(aNewUser());

        save.upgradePasswordHash(user.id(), A_HASH, ANOTHER_HASH, LATER);

        assertThat(load.findById(user.id()).orElseThrow().validAfter()).isNull();
    }

    @Test
    void deactivateMarksTheUserAndSetsValidAfter() {
        User user = save.create(aNewUser());

        assertThat(save.deactivate(user.id(), LATER)).isTrue();

        User found = load.findById(user.id()).orElseThrow();
        assertThat(atMillis(found)).isEqualTo(atMillis(user.deactivatedAt(LATER)));
        assertThat(found.deactivated()).isTrue();
        assertThat(found.accepts(LATER.plusSeconds(1), found.credentialEpoch())).isFalse();
    }

    @Test
    void reactivateClearsTheMarkButKeepsValidAfter() {
        User user = save.create(aNewUser());
        save.deactivate(user.id(), LATER);
        Instant after = LATER.plusSeconds(60);

        assertThat(save.reactivate(user.id(), after)).isTrue();

        User found = load.findById(user.id()).orElseThrow();
        assertThat(atMillis(found)).isEqualTo(atMillis(user.deactivatedAt(LATER).reactivatedAt(after)));
        assertThat(found.deactivated()).isFalse();
        assertThat(found.accepts(LATER.minusSeconds(1), found.credentialEpoch())).isFalse();
        assertThat(found.accepts(after, found.credentialEpoch())).isTrue();
    }

    @Test
    void deactivateAndReactivateOfAnUnknownUserReturnFalse() {
        long id = save.create(aNewUser()).id();

        assertThat(save.deactivate(id + 1000, LATER)).isFalse();
        assertThat(save.reactivate(id + 1000, LATER)).isFalse();
    }

    @Test
    void updatePasswordHashOfAnUnknownUserReturnsFalse() {
        long id = save.create(aNewUser()).id();

        assertThat(save.updatePasswordHash(id + 1000, ANOTHER_HASH, LATER)).isFalse();
    }

    @Test
    void upgradePasswordHashReplacesTheExpectedHash() {
        User user = save.create(aNewUser());

        assertThat(save.upgradePasswordHash(user.id(), A_HASH, ANOTHER_HASH, LATER)).isTrue();

        assertThat(load.findById(user.id()).map(StoreFixtures::atMillis))
                .contains(atMillis(user.withUpgradedHash(ANOTHER_HASH, LATER)));
    }

    @Test
    void upgradePasswordHashLeavesAChangedHashAlone() {
        User user = save.create(aNewUser());
        save.updatePasswordHash(user.id(), ANOTHER_HASH, LATER);

        assertThat(save.upgradePasswordHash(user.id(), A_HASH, "$2b$14$upgraded", LATER.plusSeconds(60))).isFalse();

        assertThat(load.findById(user.id()).map(StoreFixtures::atMillis))
                .contains(atMillis(user.withPasswordHash(ANOTHER_HASH, LATER)));
    }

    @Test
    void upgradePasswordHashOfAnUnknownUserReturnsFalse() {
        long id = save.create(aNewUser()).id();

        assertThat(save.upgradePasswordHash(id + 1000, A_HASH, ANOTHER_HASH, LATER)).isFalse();
    }

    @Test
    void changesTouchOnlyTheNamedUser() {
        User ann = save.create(aNewUser("ann@example.com"));
        User bob = save.create(aNewUser("bob@example.com"));

        save.updateNames(ann.id(), "Ann", "Other", LATER);
        save.markConfirmed(ann.id(), LATER);
        save.updatePasswordHash(ann.id(), ANOTHER_HASH, LATER);
        save.deactivate(ann.id(), LATER);

        assertThat(load.findById(bob.id()).map(StoreFixtures::atMillis)).contains(atMillis(bob));
    }

    @Test
    void concurrentChangesOfDifferentFieldsKeepEachOther() {
        User user = save.create(aNewUser());

        List<Outcome<Boolean>> outcomes = Race.run(3, i -> switch (i) {
            case 0 -> save.updateNames(user.id(), "Grace", "Hopper", LATER);
            case 1 -> save.updatePasswordHash(user.id(), ANOTHER_HASH, LATER);
            default -> save.markConfirmed(user.id(), LATER);
        });

        assertThat(Race.winners(outcomes)).containsExactly(true, true, true);
        User found = load.findById(user.id()).orElseThrow();
        assertThat(found.firstname()).isEqualTo("Grace");
        assertThat(found.lastname()).isEqualTo("Hopper");
        assertThat(found.passwordHash()).isEqualTo(ANOTHER_HASH);
        assertThat(found.confirmed()).isTrue();
    }
}
