package com.example.userservice.directory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.port.StoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * When the application's database goes away, the directory says so with the core's
 * {@link StoreUnavailableException}, which the server answers with 503, not with a fault.
 */
class UsersTableOutageTest {

    @Test
    void aDatabaseThatWentAwayIsUnavailableNotAFault() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        try {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(CustomerDatabase.CREATE_TABLE);
                statement.execute("INSERT INTO app_accounts VALUES (100017, 'ann@example.com', '"
                        + CustomerDatabase.bcrypt("Ann's password 1") + "', 'Ann', 'Archer', 'en', TRUE, TRUE, '"
                        + Timestamp.valueOf(CustomerDatabase.CREATED) + "')");
            }
            try (UsersTableDirectory directory = UsersTableDirectory.open(new UsersTableSettings(
                    postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, 2), new BcryptPasswordHasher(4))) {
                DirectoryUser ann = directory.findByEmail(Email.of("ann@example.com")).orElseThrow();

                postgres.close();

                // each call waits for the pool's connection timeout (5 s); one is enough
                assertThatThrownBy(() -> directory.checkPassword(ann, "Ann's password 1"))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessage("users table unreachable");
            }
        } finally {
            postgres.close();
        }
    }
}
