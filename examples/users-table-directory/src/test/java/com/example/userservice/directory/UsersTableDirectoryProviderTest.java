package com.example.userservice.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.userservice.directory.CustomerDatabase.Account;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.Email;
import io.userservice.core.port.out.UserDirectory;
import io.userservice.core.port.out.UserDirectoryProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider as the server sees it: found by ServiceLoader, configured by USERSVC_ settings. */
class UsersTableDirectoryProviderTest {

    private static UserDirectoryProvider provider() {
        return ServiceLoader.load(UserDirectoryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("users-table"))
                .findFirst().orElseThrow(() -> new AssertionError("no provider named users-table"));
    }

    @Test
    void theServerFindsItByNameAndItOpensTheTableItsSettingsName() throws Exception {
        try (H2CustomerDatabase database = new H2CustomerDatabase()) {
            database.withTable().with(Account.of(100017, "ann@example.com", "Ann's password 1", "Ann", "Archer"));
            Map<String, String> settings = Map.of("USERSVC_PORT", "8080", "USERSVC_DIRECTORY", "users-table",
                    "USERSVC_USERS_TABLE_URL", database.url(), "USERSVC_USERS_TABLE_USER", "sa",
                    "USERSVC_USERS_TABLE_POOL_SIZE", "3");

            UserDirectory directory = provider().open(settings).open(new BcryptPasswordHasher(4));
            try {
                assertThat(directory.name()).isEqualTo("users-table");
                assertThat(directory.findByEmail(Email.of("ann@example.com"))).isPresent();
                assertThat(directory).isInstanceOf(AutoCloseable.class);
            } finally {
                ((AutoCloseable) directory).close();
            }
            assertThat(database.sessions()).isEqualTo(1);
        }
    }

    @Test
    void aMissingUrlIsRefusedWithALineNamingIt() {
        assertThatThrownBy(() -> provider().open(Map.of("USERSVC_DIRECTORY", "users-table")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("USERSVC_USERS_TABLE_URL is required")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> provider().open(Map.of("USERSVC_USERS_TABLE_URL", "  ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("USERSVC_USERS_TABLE_URL is required");
    }

    @Test
    void aUrlThatIsNoJdbcUrlOrHasNoDriverIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> provider().open(Map.of("USERSVC_USERS_TABLE_URL", "postgres://db/app?password=s3cret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("USERSVC_USERS_TABLE_URL must be a JDBC URL (jdbc:…)");
        assertThatThrownBy(() -> provider().open(Map.of("USERSVC_USERS_TABLE_URL", "jdbc:oracle:thin:scott/s3cret@db")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("USERSVC_USERS_TABLE_URL names a database for which no JDBC driver")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aBadPoolSizeIsRefusedWithALineNamingIt() {
        for (String size : new String[] {"0", "101", "four", "-1"}) {
            Map<String, String> settings = new HashMap<>(Map.of("USERSVC_USERS_TABLE_URL", "jdbc:h2:mem:unused",
                    "USERSVC_USERS_TABLE_POOL_SIZE", size));
            assertThatThrownBy(() -> provider().open(settings)).as(size)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("USERSVC_USERS_TABLE_POOL_SIZE must be a whole number from 1 to 100");
        }
    }

    @Test
    void userPasswordAndPoolSizeAreOptionalAndThePasswordIsNeverShown() {
        UsersTableSettings bare = UsersTableSettings.from(Map.of("USERSVC_USERS_TABLE_URL", "jdbc:h2:mem:unused"));
        UsersTableSettings full = UsersTableSettings.from(Map.of("USERSVC_USERS_TABLE_URL", "jdbc:h2:mem:unused",
                "USERSVC_USERS_TABLE_USER", "reader", "USERSVC_USERS_TABLE_PASSWORD", "s3cret"));

        assertThat(bare).isEqualTo(new UsersTableSettings("jdbc:h2:mem:unused", null, null, 4));
        assertThat(full.user()).isEqualTo("reader");
        assertThat(full.password()).isEqualTo("s3cret");
        assertThat(full.toString()).doesNotContain("s3cret");
    }
}
