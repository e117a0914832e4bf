package com.example.userservice.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.userservice.directory.CustomerDatabase.Account;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.port.out.PasswordHasher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What this directory adds to the contract: the application's accounts as it keeps them, on H2. */
class UsersTableDirectoryTest {

    private static final Account ANN = Account.of(100017, "ann@example.com", "Ann's password 1", "Ann", "Archer");

    private final H2CustomerDatabase database = new H2CustomerDatabase();
    private final RecordingHasher hasher = new RecordingHasher();
    private UsersTableDirectory directory;

    private UsersTableDirectory open(Account... accounts) {
        database.withTable().with(accounts);
        directory = UsersTableDirectory.open(database.settings(), hasher);
        return directory;
    }

    @AfterEach
    void close() {
        if (directory != null) {
            directory.close();
        }
        database.close();
    }

    @Test
    void theAccountNumberIsTheUsersKeyAndIdAndTheRowIsReadAsTheApplicationWroteIt() {
        open(ANN.withLocale("de_DE"));

        DirectoryUser ann = directory.findByEmail(Email.of("ann@example.com")).orElseThrow();

        assertThat(directory.assignsIds()).isTrue();
        assertThat(ann.key()).isEqualTo("100017");
        assertThat(ann.id()).isEqualTo(100017L);
        assertThat(ann.firstname()).isEqualTo("Ann");
        assertThat(ann.lastname()).isEqualTo("Archer");
        assertThat(ann.language()).isEqualTo("de-DE");
        assertThat(ann.confirmed()).isTrue();
        assertThat(ann.createdAt()).isEqualTo(CustomerDatabase.CREATED.toInstant(ZoneOffset.UTC));
        assertThat(directory.findByKey("100017")).contains(ann);
    }

    @Test
    void theUniqueIdIsStableAndDiffersBetweenAccounts() {
        open(ANN, Account.of(100018, "bob@example.com", "Bob's password 2", "Bob", null));

        UUID ann = directory.findByKey("100017").orElseThrow().uniqueId();

        assertThat(directory.findByEmail(Email.of("ann@example.com")).orElseThrow().uniqueId()).isEqualTo(ann);
        assertThat(directory.findByKey("100018").orElseThrow().uniqueId()).isNotEqualTo(ann);
    }

    @Test
    void anUnverifiedAccountIsFoundUnconfirmedAndAMissingOrOddLocaleIsTheDefaultLanguage() {
        open(new Account(100017, "ann@example.com", "Ann's password 1", null, null, null, true, false),
                Account.of(100018, "bob@example.com", "Bob's password 2", "Bob", null).withLocale("Klingon, please"));

        DirectoryUser ann = directory.findByKey("100017").orElseThrow();

        assertThat(ann.confirmed()).isFalse();
        assertThat(ann.language()).isEqualTo("en");
        assertThat(ann.firstname()).isNull();
        assertThat(directory.findByKey("100018").orElseThrow().language()).isEqualTo("en");
    }

    @Test
    void anEmailIsFoundWhateverCaseAndBlanksTheApplicationStoredItWith() {
        open(Account.of(100017, "  Ann.Archer@Example.COM ", "Ann's password 1", "Ann", "Archer"));

        assertThat(directory.findByEmail(Email.of("ann.archer@example.com"))).map(DirectoryUser::key).contains("100017");
        assertThat(directory.findByKey("100017")).map(user -> user.email().value()).contains("ann.archer@example.com");
    }

    @Test
    void twoActiveAccountsWhoseEmailsDifferOnlyInCaseAreNeitherFoundByThatEmail() {
        open(ANN, Account.of(100018, "Ann@Example.com", "another password", "Ann", "Other"));

        assertThat(directory.findByEmail(Email.of("ann@example.com"))).isEmpty();
    }

    @Test
    void anInactiveAccountIsNotFoundSoItsSignInAndItsTokensFail() {
        open(ANN.inactive(), Account.of(100018, "Ann@Example.com", "the active one", "Ann", "Again"));

        assertThat(directory.findByKey("100017")).isEmpty();
        assertThat(directory.findByEmail(Email.of("ann@example.com"))).map(DirectoryUser::key).contains("100018");
    }

    @Test
    void anAccountDeactivatedAfterItWasFoundFailsItsPasswordCheckAfterTheSameComparisonAsAWrongPassword() {
        open(ANN);
        DirectoryUser ann = directory.findByKey("100017").orElseThrow();
        assertThat(directory.checkPassword(ann, "a wrong password")).isFalse();
        String comparedForAWrongPassword = hasher.lastCompared();

        database.execute("UPDATE app_accounts SET is_active = FALSE WHERE account_no = 100017");

        assertThat(directory.checkPassword(ann, ANN.password())).isFalse();
        assertThat(hasher.compared).hasSize(2);
        assertThat(hasher.lastCompared()).isEqualTo(comparedForAWrongPassword).startsWith("$2a$04$");
    }

    @Test
    void anUnknownEmailAndAnAccountWithoutAPasswordCostOneComparisonAndAcceptNothing() {
        open(new Account(100017, "ann@example.com", null, "Ann", "Archer", "en", true, true));
        DirectoryUser ann = directory.findByKey("100017").orElseThrow();

        directory.checkNoOnesPassword("any password");
        assertThat(directory.checkPassword(ann, "any password")).isFalse();
        assertThat(directory.checkPassword(ann, "")).isFalse();

        assertThat(hasher.compared).hasSize(3).allSatisfy(hash -> assertThat(hash).startsWith("$2b$04$"));
    }

    @Test
    void itOnlyReadsTheTable() {
        open(ANN);
        DirectoryUser ann = directory.findByKey("100017").orElseThrow();
        String stored = storedHash();

        assertThat(directory.checkPassword(ann, ANN.password())).isTrue();

        assertThat(storedHash()).as("a hash the service finds weak is left to the application").isEqualTo(stored);
        assertThat(directory.capabilities()).isEmpty();
        assertThatThrownBy(() -> directory.register(new NewDirectoryUser(UUID.randomUUID(), Email.of("new@example.com"),
                hasher.hash("a password"), null, null, "en", true, Instant.now())))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> directory.setPasswordHash("100017", hasher.hash("a password"), Instant.now()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anAccountWhoseEmailTheServiceCannotAcceptIsNotFound() {
        open(Account.of(100017, "ann at example dot com", "Ann's password 1", "Ann", "Archer"));

        assertThat(directory.findByKey("100017")).isEmpty();
    }

    @Test
    void keysThatAreNoAccountNumberAreNotFoundAndMatchNoPassword() {
        open(ANN);
        DirectoryUser stranger = new DirectoryUser("ann@example.com", null, UUID.randomUUID(), Email.of("ann@example.com"),
                null, null, "en", 0, java.util.Set.of(), true, null, null);

        assertThat(directory.findByKey("100017 OR 1=1")).isEmpty();
        assertThat(directory.findByKey("99999999999999999999")).isEmpty();
        assertThat(directory.checkPassword(stranger, ANN.password())).isFalse();
    }

    @Test
    void closingTheDirectoryClosesItsConnections() {
        open(ANN);
        directory.findByKey("100017");
        assertThat(database.sessions()).isGreaterThan(1);

        directory.close();

        assertThat(database.sessions()).isEqualTo(1);
    }

    @Test
    void aTableWithoutTheColumnsItReadsStopsTheOpenAndLeavesNoConnection() {
        database.execute("CREATE TABLE app_accounts (account_no BIGINT PRIMARY KEY, email VARCHAR(254))");

        assertThatThrownBy(() -> UsersTableDirectory.open(database.settings(), hasher))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("users table: cannot read app_accounts: ")
                .hasMessageContaining("LOGIN_EMAIL")
                .hasMessageNotContaining("\n");
        assertThat(database.sessions()).isEqualTo(1);
    }

    private String storedHash() {
        try (var connection = database.connect();
             var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT pw_bcrypt FROM app_accounts WHERE account_no = 100017")) {
            row.next();
            return row.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** bcrypt at the lowest cost that finds every hash weak, and records each hash it compares with. */
    private static final class RecordingHasher implements PasswordHasher {
        private final BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(BcryptPasswordHasher.MIN_COST);
        final List<String> compared = new CopyOnWriteArrayList<>();

        @Override
        public String hash(String password) {
            return bcrypt.hash(password);
        }

        @Override
        public boolean verify(String password, String hash) {
            compared.add(hash);
            return bcrypt.verify(password, hash);
        }

        @Override
        public boolean needsRehash(String hash) {
            return true;
        }

        String lastCompared() {
            return compared.get(compared.size() - 1);
        }
    }
}
