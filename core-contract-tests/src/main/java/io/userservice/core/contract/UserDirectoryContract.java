package io.userservice.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.UserDirectory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserDirectory} must do: find its users by email and by key, and check their
 * passwords. A read-only directory (LDAP, a customer's table the service only reads) runs this
 * class; a directory that also registers users and changes passwords runs
 * {@link ReadWriteUserDirectoryContract}, which includes it.
 *
 * <p>The directory under test holds the {@link #PEOPLE}: a read-only directory is populated with
 * them before the tests (for LDAP, from an LDIF file), a read-write one gets them registered by
 * {@link #populate}. The contracts ask nothing of the keys but that they are stable and lead
 * back to their user, and nothing of the ids but that a directory that {@link
 * UserDirectory#assignsIds() assigns ids} gives one to every user.
 */
public abstract class UserDirectoryContract {

    /** Someone the directory under test holds: email, password and names. */
    public record Person(String email, String password, String firstname, String lastname) {
    }

    public static final Person ANN = new Person("ann@example.com", "Ann's secret password 1", "Ann", "Archer");
    public static final Person BOB = new Person("bob@example.com", "Bob's secret password 2", "Bob", "Baker");
    /** The people every directory under test holds. */
    public static final List<Person> PEOPLE = List.of(ANN, BOB);

    /**
     * The hasher given to the directory: bcrypt at the lowest cost, to keep the suite fast, which
     * can be told to find a hash weak (so a directory upgrades it) and to do something while it
     * hashes (so a change can land in the middle of an upgrade).
     */
    protected final ContractHasher hasher = new ContractHasher();

    /** See {@link #hasher}. */
    protected static final class ContractHasher implements PasswordHasher {
        private final BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(BcryptPasswordHasher.MIN_COST);
        final java.util.Set<String> weak = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile Runnable whileHashing = () -> { };

        @Override
        public String hash(String password) {
            Runnable during = whileHashing;
            whileHashing = () -> { };
            during.run();
            return bcrypt.hash(password);
        }

        @Override
        public boolean verify(String password, String hash) {
            return bcrypt.verify(password, hash);
        }

        @Override
        public boolean needsRehash(String hash) {
            return weak.contains(hash);
        }
    }
    protected UserDirectory directory;

    /** The directory under test, holding {@link #PEOPLE} (or empty, for {@link #populate} to fill). */
    protected abstract UserDirectory newDirectory(PasswordHasher hasher);

    /** Puts {@link #PEOPLE} into the directory; a read-only directory holds them already. */
    protected void populate(UserDirectory directory) {
    }

    @BeforeEach
    void openDirectory() {
        directory = newDirectory(hasher);
        populate(directory);
    }

    protected DirectoryUser find(Person person) {
        return directory.findByEmail(Email.of(person.email()))
                .orElseThrow(() -> new AssertionError("the directory does not hold " + person.email()));
    }

    @Test
    void itHasANameAndDeclaresItsCapabilities() {
        assertThat(directory.name()).isNotBlank().hasSizeLessThanOrEqualTo(64);
        assertThat(directory.capabilities()).isNotNull();
    }

    @Test
    void itFindsEachPersonByEmailWithTheirNames() {
        for (Person person : PEOPLE) {
            DirectoryUser user = find(person);
            assertThat(user.email().value()).isEqualTo(person.email());
            assertThat(user.firstname()).isEqualTo(person.firstname());
            assertThat(user.lastname()).isEqualTo(person.lastname());
            assertThat(user.key()).isNotBlank();
            assertThat(user.uniqueId()).isNotNull();
            if (directory.assignsIds()) {
                assertThat(user.id()).isNotNull();
            }
        }
        assertThat(find(ANN).key()).isNotEqualTo(find(BOB).key());
    }

    @Test
    void aKeyIsStableAndLeadsBackToItsUser() {
        DirectoryUser ann = find(ANN);

        assertThat(find(ANN).key()).isEqualTo(ann.key());
        assertThat(directory.findByKey(ann.key())).map(DirectoryUser::email).contains(ann.email());
        assertThat(directory.findByKey(ann.key() + "x")).isEmpty();
        assertThat(directory.findByKey("")).isEmpty();
    }

    @Test
    void aHashItHandsOutForExportIsTheOneItChecksPasswordsWith() {
        for (Person person : PEOPLE) {
            DirectoryUser user = find(person);
            directory.passwordHash(user.key()).ifPresent(hash -> {
                assertThat(hasher.verify(person.password(), hash)).as(person.email()).isTrue();
                assertThat(hasher.verify(person.password() + "x", hash)).as(person.email()).isFalse();
            });
        }
        assertThat(directory.passwordHash(find(ANN).key() + "x")).isEmpty();
    }

    @Test
    void anUnknownEmailIsNotFound() {
        assertThat(directory.findByEmail(Email.of("nobody@example.com"))).isEmpty();
    }

    @Test
    void emailsAreComparedExactlyAndCannotInjectAQuery() {
        for (String hostile : List.of("*@example.com", "ann@example.com)(uid=*", "a*n@example.com",
                "ann@example.co*", "ann@example.com\\00", "ann%@example.com", "ann@example.com' OR '1'='1")) {
            Optional<Email> email = Email.parse(hostile);
            if (email.isPresent()) {
                assertThat(directory.findByEmail(email.get())).as(hostile).isEmpty();
            }
        }
    }

    @Test
    void theRightPasswordIsAcceptedAndEveryOtherRefused() {
        DirectoryUser ann = find(ANN);

        assertThat(directory.checkPassword(ann, ANN.password())).isTrue();
        assertThat(directory.checkPassword(ann, ANN.password() + " ")).isFalse();
        assertThat(directory.checkPassword(ann, BOB.password())).isFalse();
        assertThat(directory.checkPassword(ann, "")).isFalse();
        assertThat(directory.checkPassword(ann, ANN.password().toUpperCase())).isFalse();
        assertThat(directory.checkPassword(find(BOB), BOB.password())).isTrue();
    }

    @Test
    void checkingTheRightPasswordAgainStillWorks() {
        DirectoryUser ann = find(ANN);

        for (int i = 0; i < 3; i++) {
            assertThat(directory.checkPassword(ann, ANN.password())).isTrue();
        }
    }

    @Test
    void checkingNoOnesPasswordAnswersNothingAndThrowsNothing() {
        assertThatCode(() -> directory.checkNoOnesPassword("any password at all")).doesNotThrowAnyException();
        assertThatCode(() -> directory.checkNoOnesPassword(ANN.password())).doesNotThrowAnyException();
    }
}
