package io.userservice.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.util.ssl.TrustAllTrustManager;
import io.userservice.core.port.out.UserDirectoryProvider;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider as the server finds and opens it: by {@link ServiceLoader} under the name
 * {@code ldap}, refusing a missing or bad setting, or a server that refuses them, with a one-line
 * message that names the setting.
 */
class LdapDirectoryProviderTest {

    private final ExampleDirectory server = ExampleDirectory.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Map<String, String> settingsWith(String name, String value) {
        Map<String, String> settings = new HashMap<>(server.settings());
        if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, value);
        }
        return settings;
    }

    private static void open(Map<String, String> settings) {
        new LdapDirectoryProvider(new TrustAllTrustManager(), Clock.systemUTC()).open(settings);
    }

    private static void assertRefused(Map<String, String> settings, String setting) {
        assertThatThrownBy(() -> open(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(setting)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theServerFindsItByServiceLoaderAsLdap() {
        List<UserDirectoryProvider> providers = ServiceLoader.load(UserDirectoryProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(providers).extracting(UserDirectoryProvider::name).contains("ldap");
        assertThat(providers).filteredOn(p -> p.name().equals("ldap")).singleElement()
                .isInstanceOf(LdapDirectoryProvider.class);
    }

    @Test
    void theServiceLoadedProviderOpensADirectoryThatFindsPeople() throws Exception {
        UserDirectoryProvider provider = ServiceLoader.load(UserDirectoryProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("ldap")).findFirst().orElseThrow();

        try (AutoCloseable directory = (AutoCloseable) provider.open(server.settings()).open(null)) {
            assertThat(((io.userservice.core.port.out.UserDirectory) directory)
                    .findByEmail(io.userservice.core.domain.Email.of("ann@example.com"))).isPresent();
        }
    }

    @Test
    void eachRequiredSettingIsNamedWhenMissing() {
        for (String setting : List.of("USERSVC_LDAP_URL", "USERSVC_LDAP_BIND_DN", "USERSVC_LDAP_BIND_PASSWORD",
                "USERSVC_LDAP_USER_BASE")) {
            assertRefused(settingsWith(setting, null), setting);
            assertRefused(settingsWith(setting, "  "), setting);
        }
    }

    @Test
    void badValuesAreNamed() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("USERSVC_LDAP_URL", "http://ldap.example.com"),
                Map.entry("USERSVC_LDAP_STARTTLS", "maybe"),
                Map.entry("USERSVC_LDAP_BIND_DN", "not a dn"),
                Map.entry("USERSVC_LDAP_USER_BASE", "ou=people,,dc=example"),
                Map.entry("USERSVC_LDAP_USER_FILTER", "(objectClass=inetOrgPerson)"),
                Map.entry("USERSVC_LDAP_ATTR_EMAIL", "mail)(uid=*"),
                Map.entry("USERSVC_LDAP_ATTR_FIRSTNAME", "given name"),
                Map.entry("USERSVC_LDAP_ATTR_LASTNAME", "sn*"),
                Map.entry("USERSVC_LDAP_ATTR_LANGUAGE", "-lang"),
                Map.entry("USERSVC_LDAP_ATTR_KEY", "entry UUID"),
                Map.entry("USERSVC_LDAP_ROLE_GROUPS", "cn=admins,ou=groups,dc=example,dc=com"),
                Map.entry("USERSVC_LDAP_DISABLED_FILTER", "(nsAccountLock=true"),
                Map.entry("USERSVC_LDAP_POOL_SIZE", "0"),
                Map.entry("USERSVC_LDAP_CONNECT_TIMEOUT", "5s"),
                Map.entry("USERSVC_LDAP_RESPONSE_TIMEOUT", "PT10M"),
                Map.entry("USERSVC_LDAP_CACHE_TTL", "-PT1S"),
                Map.entry("USERSVC_LDAP_CACHE_SIZE", "lots"));
        bad.forEach((setting, value) -> assertRefused(settingsWith(setting, value), setting));
    }

    @Test
    void aUrlNamesTheServerOnly() {
        assertRefused(settingsWith("USERSVC_LDAP_URL", "ldap://localhost:389/ou=people,dc=example,dc=com"),
                "USERSVC_LDAP_URL");
        assertRefused(settingsWith("USERSVC_LDAP_URL", "ldapi://%2fvar%2frun%2fslapd%2fldapi"), "USERSVC_LDAP_URL");
    }

    @Test
    void startTlsOnAnLdapsUrlIsRefused() {
        Map<String, String> settings = settingsWith("USERSVC_LDAP_URL", "ldaps://localhost:" + server.port());
        settings.put("USERSVC_LDAP_STARTTLS", "true");

        assertRefused(settings, "USERSVC_LDAP_STARTTLS");
    }

    @Test
    void roleGroupsAreCheckedPairByPair() {
        assertRefused(settingsWith("USERSVC_LDAP_ROLE_GROUPS", ExampleDirectory.ADMINS + "=Admin"),
                "USERSVC_LDAP_ROLE_GROUPS");
        assertRefused(settingsWith("USERSVC_LDAP_ROLE_GROUPS", ExampleDirectory.ADMINS + "=admin;=admin"),
                "USERSVC_LDAP_ROLE_GROUPS");
        assertRefused(settingsWith("USERSVC_LDAP_ROLE_GROUPS", ExampleDirectory.ADMINS + "="),
                "USERSVC_LDAP_ROLE_GROUPS");
        RoleGroups escaped = RoleGroups.parse("S", "cn=a\\;b,ou=groups,dc=example,dc=com=admin;cn=c\\3Bd,dc=x=user-edit");
        assertThat(escaped.groups()).containsExactlyInAnyOrder(dn("cn=a\\;b,ou=groups,dc=example,dc=com"),
                dn("cn=c\\;d,dc=x"));
    }

    private static com.unboundid.ldap.sdk.DN dn(String text) {
        try {
            return new com.unboundid.ldap.sdk.DN(text);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void aWrongServiceAccountPasswordStopsTheStart() {
        assertRefused(settingsWith("USERSVC_LDAP_BIND_PASSWORD", "not the password"),
                "USERSVC_LDAP_BIND_DN / USERSVC_LDAP_BIND_PASSWORD");
        assertRefused(settingsWith("USERSVC_LDAP_BIND_DN", "cn=nobody," + ExampleDirectory.BASE),
                "USERSVC_LDAP_BIND_DN / USERSVC_LDAP_BIND_PASSWORD");
    }

    @Test
    void aMissingUserBaseOrGroupStopsTheStart() {
        assertRefused(settingsWith("USERSVC_LDAP_USER_BASE", "ou=staff," + ExampleDirectory.BASE),
                "USERSVC_LDAP_USER_BASE");
        assertRefused(settingsWith("USERSVC_LDAP_ROLE_GROUPS", "cn=nobody,ou=groups," + ExampleDirectory.BASE
                + "=admin"), "USERSVC_LDAP_ROLE_GROUPS");
    }

    @Test
    void aServerThatDoesNotAnswerStopsTheStart() {
        Map<String, String> settings = server.settings();
        server.stop();

        assertRefused(settings, "USERSVC_LDAP_URL");
    }

    @Test
    void theServiceAccountPasswordIsNeverShown() {
        LdapSettings settings = LdapSettings.from(server.settings());

        assertThat(settings.toString()).doesNotContain(ExampleDirectory.SERVICE_PASSWORD);
    }

    @Test
    void defaultsAreAsDocumented() {
        LdapSettings settings = LdapSettings.from(server.settings());

        assertThat(settings.userFilter()).hasToString("(&(objectClass=inetOrgPerson)(mail={email}))");
        assertThat(settings.attributes()).isEqualTo(new LdapSettings.LdapAttributes("mail", "givenName", "sn",
                "preferredLanguage", "entryUUID"));
        assertThat(settings.disabledFilter()).hasToString("(|(pwdAccountLockedTime=*)(nsAccountLock=true))");
        assertThat(settings.poolSize()).isEqualTo(10);
        assertThat(settings.connectTimeout()).hasSeconds(5);
        assertThat(settings.responseTimeout()).hasSeconds(5);
        assertThat(settings.cacheTtl()).hasSeconds(10);
        assertThat(settings.cacheSize()).isEqualTo(10_000);
        assertThat(settings.port()).isEqualTo(server.port());
        assertThat(LdapSettings.from(settingsWith("USERSVC_LDAP_URL", "ldaps://ldap.example.com")).port())
                .isEqualTo(636);
        assertThat(LdapSettings.from(settingsWith("USERSVC_LDAP_URL", "ldap://ldap.example.com")).port())
                .isEqualTo(389);
    }
}
