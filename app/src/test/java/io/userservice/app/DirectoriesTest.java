package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server finds the LDAP directory on its class path by name, and passes its refusals on as one line. */
class DirectoriesTest {

    private final JdbcStores database = JdbcStores.open(
            new JdbcSettings("jdbc:h2:mem:directories-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 2));

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void anUnknownDirectoryNamesTheKnownOnesLdapAmongThem() {
        assertThatThrownBy(() -> Directories.select(AppConfig.from(Map.of("USERSVC_DIRECTORY", "x500")), database))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("USERSVC_DIRECTORY names no directory: 'x500' (known: jdbc, ldap")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theLdapDirectoryRefusesMissingSettingsByName() {
        assertThatThrownBy(() -> Directories.select(AppConfig.from(Map.of("USERSVC_DIRECTORY", "LDAP")), database))
                .isInstanceOf(ConfigException.class)
                .hasMessage("USERSVC_LDAP_URL is required with USERSVC_DIRECTORY=ldap");
        assertThatThrownBy(() -> Directories.select(AppConfig.from(Map.of("USERSVC_DIRECTORY", "ldap",
                        "USERSVC_LDAP_URL", "ldap://127.0.0.1:1", "USERSVC_LDAP_BIND_DN", "cn=usersvc,dc=example,dc=com",
                        "USERSVC_LDAP_BIND_PASSWORD", "secret", "USERSVC_LDAP_USER_BASE", "dc=example,dc=com",
                        "USERSVC_LDAP_CACHE_TTL", "ten seconds")), database))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("USERSVC_LDAP_CACHE_TTL must be");
    }
}
