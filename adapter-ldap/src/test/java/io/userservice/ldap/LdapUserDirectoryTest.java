package io.userservice.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.contract.UserDirectoryContract;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.UserDirectory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the LDAP directory adds to the contract: keys, roles, disabled entries, duplicates, hostile input, the cache. */
class LdapUserDirectoryTest {

    private static final String ANN_PASSWORD = UserDirectoryContract.ANN.password();
    private static final String ANN_DN = "uid=ann," + ExampleDirectory.PEOPLE;
    private static final String CARL_PASSWORD = "Carl's secret password 3";

    private final ExampleDirectory server = ExampleDirectory.start();
    private final MovableClock clock = new MovableClock();
    private UserDirectory directory;

    @AfterEach
    void close() throws Exception {
        if (directory instanceof AutoCloseable closeable) {
            closeable.close();
        }
        server.close();
    }

    private UserDirectory open() {
        return open(server.settings());
    }

    private UserDirectory open(Map<String, String> settings) {
        directory = server.open(settings, clock);
        return directory;
    }

    private Map<String, String> settingsWith(String name, String value) {
        Map<String, String> settings = server.settings();
        settings.put(name, value);
        return settings;
    }

    private DirectoryUser find(String email) {
        return directory.findByEmail(Email.of(email)).orElseThrow(() -> new AssertionError("no " + email));
    }

    private void addCarl(String... extraLines) {
        List<String> ldif = new java.util.ArrayList<>(List.of("dn: uid=carl," + ExampleDirectory.PEOPLE,
                "objectClass: inetOrgPerson", "uid: carl", "cn: Carl Cooper", "sn: Cooper", "givenName: Carl",
                "mail: carl@example.com", "userPassword: " + CARL_PASSWORD));
        ldif.addAll(List.of(extraLines));
        server.add(ldif.toArray(String[]::new));
    }

    @Test
    void itIsReadOnlyAndLeavesIdsToTheService() {
        open();

        assertThat(directory.name()).isEqualTo("ldap");
        assertThat(directory.capabilities()).isEmpty();
        assertThat(directory.assignsIds()).isFalse();
        assertThat(find("ann@example.com").id()).isNull();
    }

    @Test
    void aUserIsKeyedByTheEntryUuidWhichIsAlsoItsUniqueId() {
        open();

        DirectoryUser ann = find("ann@example.com");

        assertThat(ann.key()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(ann.uniqueId()).isEqualTo(UUID.fromString(ann.key()));
        assertThat(ann.confirmed()).as("the directory vouches for its emails").isTrue();
        assertThat(ann.createdAt()).isNotNull();
    }

    @Test
    void anotherKeyAttributeCanBeConfiguredAndAnEntryWithoutItIsKeyedByItsDn() {
        addCarl("employeeNumber: E-1234");
        open(settingsWith("USERSVC_LDAP_ATTR_KEY", "employeeNumber"));

        DirectoryUser carl = find("carl@example.com");
        DirectoryUser ann = find("ann@example.com");

        assertThat(carl.key()).isEqualTo("E-1234");
        assertThat(directory.findByKey("E-1234")).map(DirectoryUser::email).contains(carl.email());
        assertThat(ann.key()).isEqualTo(ANN_DN);
        assertThat(directory.findByKey(ANN_DN)).map(DirectoryUser::email).contains(ann.email());
        assertThat(ann.uniqueId()).as("derived from the key, the same each time")
                .isEqualTo(find("ann@example.com").uniqueId()).isNotEqualTo(carl.uniqueId());
        assertThat(directory.checkPassword(ann, ANN_PASSWORD)).isTrue();
        assertThat(directory.checkPassword(carl, CARL_PASSWORD)).isTrue();
    }

    @Test
    void aDnOutsideTheUserBaseIsNoUsersKey() {
        open(settingsWith("USERSVC_LDAP_ATTR_KEY", "employeeNumber"));
        server.add("dn: uid=dora,ou=services," + ExampleDirectory.BASE, "objectClass: inetOrgPerson", "uid: dora",
                "cn: Dora", "sn: Dora", "mail: dora@example.com", "userPassword: Dora's secret password 4");

        assertThat(directory.findByKey("uid=dora,ou=services," + ExampleDirectory.BASE)).isEmpty();
        assertThat(directory.findByKey(ExampleDirectory.SERVICE_ACCOUNT)).isEmpty();
        assertThat(directory.findByKey(ExampleDirectory.ADMINS)).isEmpty();
        assertThat(directory.findByEmail(Email.of("dora@example.com"))).as("outside the user base").isEmpty();
    }

    @Test
    void rolesComeFromTheMappedGroupsByMemberAndByUniqueMember() {
        addCarl();
        open();

        assertThat(find("ann@example.com").roles()).containsExactly(Role.ADMIN);
        assertThat(find("bob@example.com").roles()).containsExactly(Role.USER_EDIT);
        assertThat(find("carl@example.com").roles()).isEmpty();
    }

    @Test
    void severalGroupsCanGrantOneRoleAndOneGroupSeveralRoles() {
        addCarl();
        open(settingsWith("USERSVC_LDAP_ROLE_GROUPS", ExampleDirectory.ADMINS + "=admin; "
                + ExampleDirectory.ADMINS + "=auditor;" + ExampleDirectory.EDITORS + "=auditor;"));

        assertThat(find("ann@example.com").roles()).containsExactlyInAnyOrder(Role.ADMIN, new Role("auditor"));
        assertThat(find("bob@example.com").roles()).containsExactly(new Role("auditor"));
    }

    @Test
    void withoutAMappingNobodyHasARole() {
        Map<String, String> settings = server.settings();
        settings.remove("USERSVC_LDAP_ROLE_GROUPS");
        open(settings);

        assertThat(find("ann@example.com").roles()).isEmpty();
    }

    @Test
    void theLanguageIsThePreferredLanguageWhenItIsATag() {
        addCarl("preferredLanguage: not a language!");
        open();

        assertThat(find("ann@example.com").language()).isEqualTo("en");
        assertThat(find("bob@example.com").language()).as("the first of an Accept-Language list").isEqualTo("de-CH");
        assertThat(find("carl@example.com").language()).isEqualTo("en");
    }

    @Test
    void severalEntriesWithOneEmailAreNobody() {
        addCarl();
        server.add("dn: uid=carl2," + ExampleDirectory.PEOPLE, "objectClass: inetOrgPerson", "uid: carl2",
                "cn: Carl Again", "sn: Again", "mail: carl@example.com", "userPassword: another password 5");
        open();

        assertThat(directory.findByEmail(Email.of("carl@example.com"))).isEmpty();
        assertThat(directory.findByEmail(Email.of("ann@example.com"))).isPresent();
    }

    @Test
    void anEntryWithSeveralAddressesIsFoundByEachAndShowsTheFirst() {
        addCarl("mail: c.cooper@example.com");
        open();

        DirectoryUser byAlias = find("c.cooper@example.com");

        assertThat(byAlias.email().value()).isEqualTo("carl@example.com");
        assertThat(byAlias.key()).isEqualTo(find("carl@example.com").key());
    }

    @Test
    void anEntryWithoutAUsableEmailIsNotAUser() {
        server.add("dn: uid=eve," + ExampleDirectory.PEOPLE, "objectClass: inetOrgPerson", "uid: eve", "cn: Eve",
                "sn: Eve", "mail: not an address", "userPassword: Eve's secret password 6");
        open(settingsWith("USERSVC_LDAP_USER_FILTER", "(&(objectClass=inetOrgPerson)(|(mail={email})(uid=eve)))"));

        assertThat(directory.findByEmail(Email.of("eve@example.com"))).isEmpty();
    }

    @Test
    void hostileEmailsAreTakenLiterally() {
        server.add("dn: uid=star," + ExampleDirectory.PEOPLE, "objectClass: inetOrgPerson", "uid: star", "cn: Star",
                "sn: Star", "mail: *@example.com", "userPassword: Star's secret password 7");
        open();

        assertThat(directory.findByEmail(Email.of("*@example.com"))).as("only the entry with that very address")
                .map(DirectoryUser::lastname).contains("Star");
        assertThat(directory.findByEmail(Email.of("a*@example.com"))).isEmpty();
        assertThat(directory.findByEmail(Email.of("*n@example.com"))).isEmpty();
        assertThat(directory.findByEmail(Email.of("ann*@example.com"))).isEmpty();
    }

    @Test
    void emailsThatCouldBreakAFilterNeverReachTheDirectory() {
        for (String hostile : List.of("*)(uid=*", "ann@example.com)(uid=*", "*)(|(mail=*", "ann\\00@example.com",
                "ann\u0000@example.com", "(ann@example.com)", "ann@example.com\\2a")) {
            assertThat(Email.parse(hostile)).as(hostile).isEmpty();
        }
    }

    @Test
    void hostileKeysFindNothing() {
        open();

        for (String key : List.of("*", "*)(uid=*", ")(", "\\00", "\u0000", "uid=*," + ExampleDirectory.PEOPLE,
                "uid=ann," + ExampleDirectory.PEOPLE + ")(objectClass=*", "cn=admins,ou=groups,dc=example,dc=com")) {
            assertThat(directory.findByKey(key)).as(key).isEmpty();
        }
    }

    @Test
    void anEmptyPasswordIsRefusedBeforeAnyBind() {
        open();
        DirectoryUser ann = find("ann@example.com");

        assertThat(directory.checkPassword(ann, "")).isFalse();
        assertThat(directory.checkPassword(ann, ANN_PASSWORD)).isTrue();
    }

    @Test
    void anEntryMarkedLockedOrDisabledCannotSignInWithItsRightPassword() {
        addCarl("pwdAccountLockedTime: 20250101000000Z");
        server.add("dn: uid=dan," + ExampleDirectory.PEOPLE, "objectClass: inetOrgPerson", "uid: dan", "cn: Dan",
                "sn: Dan", "mail: dan@example.com", "nsAccountLock: true", "userPassword: Dan's secret password 8");
        open();

        assertThat(directory.checkPassword(find("carl@example.com"), CARL_PASSWORD)).isFalse();
        assertThat(directory.checkPassword(find("dan@example.com"), "Dan's secret password 8")).isFalse();
        assertThat(directory.checkPassword(find("ann@example.com"), ANN_PASSWORD)).isTrue();
    }

    @Test
    void anEntryMarkedAfterItsLookupIsRefusedAtTheCheck() {
        addCarl();
        open();
        DirectoryUser carl = find("carl@example.com");
        assertThat(directory.checkPassword(carl, CARL_PASSWORD)).isTrue();

        server.modify("dn: uid=carl," + ExampleDirectory.PEOPLE, "changetype: modify", "add: nsAccountLock",
                "nsAccountLock: true");

        assertThat(directory.checkPassword(carl, CARL_PASSWORD)).isFalse();
    }

    @Test
    void anEntryDisabledInTheDirectoryIsNotFoundByKeyOnceTheCacheForgetsIt() {
        addCarl();
        open();
        DirectoryUser carl = find("carl@example.com");

        server.modify("dn: uid=carl," + ExampleDirectory.PEOPLE, "changetype: modify", "add: pwdAccountLockedTime",
                "pwdAccountLockedTime: 000001010000Z");

        assertThat(directory.findByKey(carl.key())).as("cached").isPresent();
        clock.advance(LdapSettings.DEFAULT_CACHE_TTL);
        assertThat(directory.findByKey(carl.key())).isEmpty();
        assertThat(directory.findByKey(find("ann@example.com").key())).isPresent();
    }

    @Test
    void theDisabledMarkerIsConfigurableAndCanBeTurnedOff() {
        addCarl("employeeType: disabled");
        server.add("dn: uid=dan," + ExampleDirectory.PEOPLE, "objectClass: inetOrgPerson", "uid: dan", "cn: Dan",
                "sn: Dan", "mail: dan@example.com", "nsAccountLock: true", "userPassword: Dan's secret password 8");
        open(settingsWith("USERSVC_LDAP_DISABLED_FILTER", "(employeeType=disabled)"));
        assertThat(directory.checkPassword(find("carl@example.com"), CARL_PASSWORD)).isFalse();
        assertThat(directory.checkPassword(find("dan@example.com"), "Dan's secret password 8")).isTrue();
        close(directory);

        open(settingsWith("USERSVC_LDAP_DISABLED_FILTER", "none"));
        assertThat(directory.checkPassword(find("carl@example.com"), CARL_PASSWORD)).isTrue();
    }

    @Test
    void aBindTheServerRefusesIsAWrongPassword() {
        server.add("dn: uid=nopass," + ExampleDirectory.PEOPLE, "objectClass: inetOrgPerson", "uid: nopass",
                "cn: No Password", "sn: Password", "mail: nopass@example.com");
        open();

        assertThat(directory.checkPassword(find("nopass@example.com"), "any password at all")).isFalse();
    }

    @Test
    void anEntryDeletedAfterItsLookupIsRefusedAtTheCheck() throws Exception {
        addCarl();
        open();
        DirectoryUser carl = find("carl@example.com");

        server.server.delete("uid=carl," + ExampleDirectory.PEOPLE);

        assertThat(directory.checkPassword(carl, CARL_PASSWORD)).isFalse();
    }

    @Test
    void lookupsByKeyAreCachedForTheTtlButEmailsAndPasswordsAreAlwaysAskedAfresh() {
        addCarl();
        open();
        DirectoryUser carl = find("carl@example.com");
        server.modify("dn: " + ExampleDirectory.ADMINS, "changetype: modify", "add: member",
                "member: uid=carl," + ExampleDirectory.PEOPLE);
        server.modify("dn: uid=carl," + ExampleDirectory.PEOPLE, "changetype: modify", "replace: userPassword",
                "userPassword: a new password for Carl");

        assertThat(directory.findByKey(carl.key()).orElseThrow().roles()).as("cached").isEmpty();
        assertThat(directory.checkPassword(carl, CARL_PASSWORD)).as("never cached").isFalse();
        assertThat(directory.checkPassword(carl, "a new password for Carl")).isTrue();
        assertThat(find("carl@example.com").roles()).as("by email: afresh").containsExactly(Role.ADMIN);

        server.modify("dn: " + ExampleDirectory.ADMINS, "changetype: modify", "delete: member",
                "member: uid=carl," + ExampleDirectory.PEOPLE);
        assertThat(directory.findByKey(carl.key()).orElseThrow().roles()).as("cached from the lookup by email")
                .containsExactly(Role.ADMIN);
        clock.advance(LdapSettings.DEFAULT_CACHE_TTL);
        assertThat(directory.findByKey(carl.key()).orElseThrow().roles()).as("after the TTL").isEmpty();
    }

    @Test
    void withTheCacheOffEveryLookupAsksTheServer() {
        addCarl();
        open(settingsWith("USERSVC_LDAP_CACHE_TTL", "PT0S"));
        DirectoryUser carl = find("carl@example.com");

        server.modify("dn: uid=carl," + ExampleDirectory.PEOPLE, "changetype: modify", "replace: givenName",
                "givenName: Charles");

        assertThat(directory.findByKey(carl.key()).orElseThrow().firstname()).isEqualTo("Charles");
    }

    @Test
    void theUserFilterAppliesToLookupsByKeyToo() {
        addCarl("employeeType: contractor");
        String carlKey = open().findByEmail(Email.of("carl@example.com")).orElseThrow().key();
        close(directory);

        open(settingsWith("USERSVC_LDAP_USER_FILTER",
                "(&(objectClass=inetOrgPerson)(!(employeeType=contractor))(mail={email}))"));

        assertThat(directory.findByEmail(Email.of("carl@example.com"))).isEmpty();
        assertThat(directory.findByKey(carlKey)).isEmpty();
        assertThat(directory.findByKey(find("ann@example.com").key())).isPresent();
    }

    private static void close(UserDirectory directory) {
        try {
            ((AutoCloseable) directory).close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void checkingNoOnesPasswordNeverSucceedsOrThrows() {
        open();

        directory.checkNoOnesPassword(ANN_PASSWORD);
        directory.checkNoOnesPassword("");

        assertThat(directory.checkPassword(find("ann@example.com"), ANN_PASSWORD)).isTrue();
    }
}
