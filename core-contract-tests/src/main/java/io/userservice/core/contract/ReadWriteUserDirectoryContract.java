package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.contract.Race.Outcome;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.UserDirectory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a {@link UserDirectory} that declares every {@link DirectoryCapability} must do, besides
 * all of {@link UserDirectoryContract}: register users (exactly once per email, also under races),
 * confirm emails, replace passwords and names, and delete users. The directory under test starts
 * empty; the contract registers the {@link #PEOPLE} itself.
 */
public abstract class ReadWriteUserDirectoryContract extends UserDirectoryContract {

    private static final Instant LATER = T0.plusSeconds(600);

    @Override
    protected void populate(UserDirectory directory) {
        for (Person person : PEOPLE) {
            directory.register(newUser(person.email(), person.password(), person.firstname(), person.lastname()));
        }
    }

    private NewDirectoryUser newUser(String email, String password, String firstname, String lastname) {
        return new NewDirectoryUser(UUID.randomUUID(), Email.of(email), hasher.hash(password), firstname, lastname,
                "en", false, T0);
    }

    @Test
    void itDeclaresEveryCapability() {
        assertThat(directory.capabilities()).containsExactlyInAnyOrder(DirectoryCapability.values());
    }

    @Test
    void aRegisteredUserIsFoundAsRegistered() {
        DirectoryUser registered = directory.register(newUser("carol@example.com", "Carol's password 3", "Carol",
                null));

        assertThat(registered.email().value()).isEqualTo("carol@example.com");
        assertThat(registered.confirmed()).isFalse();
        DirectoryUser found = directory.findByKey(registered.key()).orElseThrow();
        assertThat(found.email()).isEqualTo(registered.email());
        assertThat(found.id()).isEqualTo(registered.id());
        assertThat(found.firstname()).isEqualTo("Carol");
        assertThat(found.lastname()).isNull();
        assertThat(directory.checkPassword(found, "Carol's password 3")).isTrue();
    }

    @Test
    void anEmailChangeMovesTheUserToTheNewAddressAndFreesTheOld() {
        DirectoryUser dave = directory.register(newUser("dave@example.com", "Dave's password 4", "Dave", null));

        assertThat(directory.changeEmail(dave.key(), Email.of("dave.new@example.com"), LATER)).isTrue();

        assertThat(directory.findByEmail(Email.of("dave@example.com"))).isEmpty();
        DirectoryUser moved = directory.findByEmail(Email.of("dave.new@example.com")).orElseThrow();
        assertThat(moved.key()).isEqualTo(dave.key());
        assertThat(directory.checkPassword(moved, "Dave's password 4")).isTrue();
        assertThat(directory.register(newUser("dave@example.com", "another password", null, null)).key())
                .isNotEqualTo(dave.key());
        assertThat(directory.changeEmail("999999999", Email.of("nobody@example.com"), LATER)).isFalse();
    }

    @Test
    void anEmailChangeToATakenAddressIsRefusedAlsoWhenTwoRace() {
        DirectoryUser erin = directory.register(newUser("erin@example.com", "Erin's password 5", null, null));
        DirectoryUser finn = directory.register(newUser("finn@example.com", "Finn's password 6", null, null));
        DirectoryUser gail = directory.register(newUser("gail@example.com", "Gail's password 7", null, null));

        assertThatThrownBy(() -> directory.changeEmail(erin.key(), Email.of("finn@example.com"), LATER))
                .isInstanceOf(EmailAlreadyTakenException.class);
        List<DirectoryUser> movers = List.of(erin, gail);
        List<Race.Outcome<Boolean>> outcomes = Race.run(2,
                i -> directory.changeEmail(movers.get(i).key(), Email.of("wanted@example.com"), LATER));

        assertThat(Race.winners(outcomes)).containsExactly(true);
        assertThat(directory.findByEmail(Email.of("erin@example.com")).isPresent()
                ^ directory.findByEmail(Email.of("gail@example.com")).isPresent()).isTrue();
        assertThat(directory.findByKey(finn.key()).orElseThrow().email()).isEqualTo(Email.of("finn@example.com"));
    }

    @Test
    void aSearchMatchesTheStartOfEmailOrNamesIgnoringCaseWithWildcardsAsPlainCharacters() {
        DirectoryUser percent = directory.register(newUser("100%_off@example.com", "pw one two", "Zed", null));
        DirectoryUser plain = directory.register(newUser("100xyoff@example.com", "pw one two", null, "O'Brien"));
        DirectoryUser named = directory.register(newUser("other@example.com", "pw one two", "ZEDEKIAH", "Ames"));

        assertThat(directory.search("100%_", null, 10)).extracting(DirectoryUser::key)
                .containsExactly(percent.key());
        assertThat(directory.search("100", null, 10)).extracting(DirectoryUser::key)
                .containsExactly(percent.key(), plain.key());
        assertThat(directory.search("zed", null, 10)).extracting(DirectoryUser::key)
                .containsExactly(percent.key(), named.key());
        assertThat(directory.search("o'b", null, 10)).extracting(DirectoryUser::key).containsExactly(plain.key());
        assertThat(directory.search("_", null, 10)).isEmpty();
        assertThat(directory.search("!", null, 10)).isEmpty();
        assertThat(directory.search("edekiah", null, 10)).isEmpty();
    }

    @Test
    void aSearchPagesByKeysetWithoutSkippingOrRepeatingWhenUsersComeAndGo() {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            keys.add(directory.register(newUser("page" + i + "@example.com", "pw one two", null, null)).key());
        }

        List<DirectoryUser> first = directory.search("page", null, 3);
        directory.delete(keys.get(0));
        directory.delete(keys.get(3));
        directory.register(newUser("page-late@example.com", "pw one two", null, null));
        List<DirectoryUser> second = directory.search("page", first.get(2).key(), 3);
        List<DirectoryUser> third = directory.search("page", second.get(2).key(), 3);

        assertThat(first).extracting(DirectoryUser::key).containsExactlyElementsOf(keys.subList(0, 3));
        assertThat(second).extracting(DirectoryUser::key).containsExactly(keys.get(4), keys.get(5), keys.get(6));
        assertThat(third).extracting(u -> u.email().value()).containsExactly("page-late@example.com");
        assertThat(directory.search("", null, 1000)).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void theLanguageIsReplaced() {
        DirectoryUser ursula = directory.register(newUser("ursula@example.com", "pw one two", null, null));

        assertThat(directory.updateLanguage(ursula.key(), "pt-BR", LATER)).isTrue();

        assertThat(directory.findByKey(ursula.key()).orElseThrow().language()).isEqualTo("pt-BR");
        assertThat(directory.updateLanguage("999999999", "de", LATER)).isFalse();
    }

    @Test
    void aTakenEmailCannotBeRegisteredAgain() {
        assertThatThrownBy(() -> directory.register(newUser(ANN.email(), "another password", null, null)))
                .isInstanceOf(EmailAlreadyTakenException.class);
    }

    @Test
    void concurrentRegistrationsOfOneEmailMakeOneUser() {
        List<Outcome<DirectoryUser>> outcomes = Race.run(Race.RACERS, i -> directory.register(
                newUser("race@example.com", "racing password " + i, "Racer " + i, null)));

        assertThat(Race.winners(outcomes)).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded())
                .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(EmailAlreadyTakenException.class));
        assertThat(directory.findByEmail(Email.of("race@example.com")).map(DirectoryUser::key))
                .contains(Race.winners(outcomes).get(0).key());
    }

    @Test
    void markingConfirmedShowsAndIsIdempotent() {
        DirectoryUser ann = find(ANN);

        assertThat(directory.markConfirmed(ann.key(), LATER)).isTrue();
        assertThat(directory.markConfirmed(ann.key(), LATER.plusSeconds(1))).isTrue();

        assertThat(find(ANN).confirmed()).isTrue();
        assertThat(find(BOB).confirmed()).isFalse();
    }

    @Test
    void aNewPasswordHashReplacesTheOldPasswordAtOnce() {
        DirectoryUser ann = find(ANN);

        assertThat(directory.setPasswordHash(ann.key(), hasher.hash("Ann's new password 9"), LATER)).isTrue();

        assertThat(directory.checkPassword(ann, "Ann's new password 9")).isTrue();
        assertThat(directory.checkPassword(ann, ANN.password())).isFalse();
        assertThat(directory.checkPassword(find(BOB), BOB.password())).isTrue();
    }

    @Test
    void namesAreReplacedAndMayBeCleared() {
        DirectoryUser bob = find(BOB);

        assertThat(directory.updateNames(bob.key(), "Robert", null, LATER)).isTrue();

        assertThat(find(BOB).firstname()).isEqualTo("Robert");
        assertThat(find(BOB).lastname()).isNull();
        assertThat(find(ANN).firstname()).isEqualTo(ANN.firstname());
    }

    @Test
    void aWeakHashMayBeUpgradedButStillAcceptsThePasswordAndNoOther() {
        String weak = hasher.hash("Carol's password 3");
        hasher.weak.add(weak);
        DirectoryUser carol = directory.register(new NewDirectoryUser(UUID.randomUUID(), Email.of("carol@example.com"),
                weak, "Carol", null, "en", true, T0));

        assertThat(directory.checkPassword(carol, "Carol's password 3")).isTrue();

        assertThat(directory.checkPassword(carol, "Carol's password 3")).isTrue();
        assertThat(directory.checkPassword(carol, "Carol's password 4")).isFalse();
    }

    @Test
    void anUpgradeNeverOverwritesAPasswordChangedWhileItRan() {
        String weak = hasher.hash("the old password");
        String changed = hasher.hash("the new password");
        hasher.weak.add(weak);
        DirectoryUser carol = directory.register(new NewDirectoryUser(UUID.randomUUID(), Email.of("carol@example.com"),
                weak, "Carol", null, "en", true, T0));
        java.util.concurrent.atomic.AtomicBoolean changedMeanwhile = new java.util.concurrent.atomic.AtomicBoolean();
        hasher.whileHashing = () -> changedMeanwhile.set(directory.setPasswordHash(carol.key(), changed, LATER));

        assertThat(directory.checkPassword(carol, "the old password")).isTrue();
        if (!changedMeanwhile.get()) {
            // this directory does not upgrade; the change then simply comes after the check
            directory.setPasswordHash(carol.key(), changed, LATER);
        }

        assertThat(directory.checkPassword(carol, "the new password")).isTrue();
        assertThat(directory.checkPassword(carol, "the old password")).isFalse();
    }

    @Test
    void changesToAnUnknownKeyChangeNothing() {
        String unknown = find(ANN).key() + "-gone";

        assertThat(directory.markConfirmed(unknown, LATER)).isFalse();
        assertThat(directory.setPasswordHash(unknown, hasher.hash("whatever it is"), LATER)).isFalse();
        assertThat(directory.updateNames(unknown, "X", "Y", LATER)).isFalse();
        assertThat(directory.delete(unknown)).isFalse();
    }

    @Test
    void aDeletedUserIsGoneAndTheEmailMayRegisterAgainUnderAnotherKey() {
        DirectoryUser ann = find(ANN);

        assertThat(directory.delete(ann.key())).isTrue();

        assertThat(directory.findByKey(ann.key())).isEmpty();
        assertThat(directory.findByEmail(ann.email())).isEmpty();
        assertThat(directory.delete(ann.key())).isFalse();
        DirectoryUser again = directory.register(newUser(ANN.email(), "Ann's second life 1", "Ann", null));
        assertThat(again.key()).isNotEqualTo(ann.key());
        assertThat(find(BOB).email().value()).isEqualTo(BOB.email());
    }
}
