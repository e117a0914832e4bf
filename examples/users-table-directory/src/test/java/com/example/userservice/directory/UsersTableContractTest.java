package com.example.userservice.directory;

import com.example.userservice.directory.CustomerDatabase.Account;
import io.userservice.core.contract.UserDirectoryContract;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.UserDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The contract of every user directory, on the application's table in H2 and in PostgreSQL. The
 * directory declares no capability, so it runs {@link UserDirectoryContract}, with the contract's
 * people in the table beforehand, as the application put them there, among other accounts.
 */
class UsersTableContractTest {

    private static final UserDirectoryContract.Person ANN = UserDirectoryContract.ANN;
    private static final UserDirectoryContract.Person BOB = UserDirectoryContract.BOB;

    private static void holdThePeople(CustomerDatabase database) {
        database.withTable().with(
                Account.of(100017, "ann@example.com", ANN.password(), ANN.firstname(), ANN.lastname()),
                Account.of(100018, "carl@example.com", "Carl's password 5", "Carl", "Cooper").inactive(),
                Account.of(100042, "Bob@Example.com", BOB.password(), BOB.firstname(), BOB.lastname()));
    }

    @Nested
    class OnH2 extends UserDirectoryContract {
        private final CustomerDatabase database = new H2CustomerDatabase();

        @Override
        protected UserDirectory newDirectory(PasswordHasher hasher) {
            holdThePeople(database);
            return UsersTableDirectory.open(database.settings(), hasher);
        }

        @AfterEach
        void closeDirectory() {
            ((UsersTableDirectory) directory).close();
            database.close();
        }
    }

    @Nested
    class OnPostgres extends UserDirectoryContract {
        private final CustomerDatabase database = new PostgresCustomerDatabase();

        @Override
        protected UserDirectory newDirectory(PasswordHasher hasher) {
            holdThePeople(database);
            return UsersTableDirectory.open(database.settings(), hasher);
        }

        @AfterEach
        void closeDirectory() {
            ((UsersTableDirectory) directory).close();
            database.close();
        }
    }
}
