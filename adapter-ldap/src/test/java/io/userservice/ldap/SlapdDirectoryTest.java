package io.userservice.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.contract.UserDirectoryContract;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.UserDirectory;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The directory on a real OpenLDAP server: the one {@value #URL_VARIABLE} names, holding
 * {@code slapd/example.ldif}, as {@code .ci/slapd} starts it (CI sets the variable, so there the
 * tests must pass; without it they are skipped with a message).
 */
class SlapdDirectoryTest {

    static final String URL_VARIABLE = "USERSVC_TEST_SLAPD_URL";

    private UserDirectory directory;

    @AfterEach
    void closeDirectory() throws Exception {
        if (directory instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    static Map<String, String> settings() {
        String url = System.getenv(URL_VARIABLE);
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                URL_VARIABLE + " is not set: slapd tests not run (.ci/slapd starts a server and prints its URL)");
        Map<String, String> settings = new HashMap<>();
        settings.put("USERSVC_LDAP_URL", url.strip());
        settings.put("USERSVC_LDAP_BIND_DN", ExampleDirectory.SERVICE_ACCOUNT);
        settings.put("USERSVC_LDAP_BIND_PASSWORD", ExampleDirectory.SERVICE_PASSWORD);
        settings.put("USERSVC_LDAP_USER_BASE", ExampleDirectory.PEOPLE);
        settings.put("USERSVC_LDAP_ROLE_GROUPS", ExampleDirectory.ADMINS + "=admin;" + ExampleDirectory.EDITORS
                + "=user-edit");
        return settings;
    }

    static UserDirectory open() {
        return new LdapDirectoryProvider().open(settings()).open(null);
    }

    @Nested
    class Contract extends UserDirectoryContract {
        @Override
        protected UserDirectory newDirectory(PasswordHasher hasher) {
            SlapdDirectoryTest.this.directory = open();
            return SlapdDirectoryTest.this.directory;
        }
    }

    @Test
    void usersAreKeyedByEntryUuidWithRolesFromGroupsOfNamesAndOfUniqueNames() {
        directory = open();

        DirectoryUser ann = directory.findByEmail(Email.of("ann@example.com")).orElseThrow();
        DirectoryUser bob = directory.findByEmail(Email.of("bob@example.com")).orElseThrow();

        assertThat(ann.uniqueId()).isEqualTo(UUID.fromString(ann.key()));
        assertThat(ann.roles()).containsExactly(Role.ADMIN);
        assertThat(bob.roles()).containsExactly(Role.USER_EDIT);
        assertThat(bob.language()).isEqualTo("de-CH");
        assertThat(directory.findByKey(bob.key())).map(DirectoryUser::email).contains(bob.email());
    }

    @Test
    void theDefaultDisabledMarkerUnknownToThisServerDisablesNobody() {
        directory = open();
        DirectoryUser ann = directory.findByEmail(Email.of("ann@example.com")).orElseThrow();

        assertThat(directory.checkPassword(ann, UserDirectoryContract.ANN.password())).isTrue();
    }
}
