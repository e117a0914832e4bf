package io.userservice.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.Email;
import org.junit.jupiter.api.Test;

/** The user filter template: where {@code {email}} may stand, and how values are encoded. */
class UserFilterTest {

    private static final UserFilter DEFAULT = UserFilter.parse("F", LdapSettings.DEFAULT_USER_FILTER);

    @Test
    void theEmailIsEncodedByTheSdkWithEveryFilterCharacterEscaped() {
        assertThat(DEFAULT.byEmail(Email.of("ann@example.com")))
                .hasToString("(&(objectClass=inetOrgPerson)(mail=ann@example.com))");
        assertThat(DEFAULT.byEmail(Email.of("*@example.com")))
                .hasToString("(&(objectClass=inetOrgPerson)(mail=\\2a@example.com))");
    }

    @Test
    void aKeyIsEncodedTheSameWayInPlaceOfTheEmail() {
        assertThat(DEFAULT.byKey("entryUUID", "*)(uid=*\\\u0000"))
                .hasToString("(&(objectClass=inetOrgPerson)(entryUUID=\\2a\\29\\28uid=\\2a\\5c\\00))");
    }

    @Test
    void everyEmailConditionOfTheTemplateIsReplaced() {
        UserFilter filter = UserFilter.parse("F",
                "(&(objectClass=person)(!(nsAccountLock=true))(|(mail={email})(mailAlternateAddress={email})))");

        assertThat(filter.byEmail(Email.of("ann@example.com"))).hasToString("(&(objectClass=person)"
                + "(!(nsAccountLock=true))(|(mail=ann@example.com)(mailAlternateAddress=ann@example.com)))");
        assertThat(filter.anyEmail())
                .hasToString("(&(objectClass=person)(!(nsAccountLock=true))(|(mail=*)(mailAlternateAddress=*)))");
    }

    @Test
    void aTemplateWithoutTheEmailOrWithItInsideAValueIsRefused() {
        assertThatThrownBy(() -> UserFilter.parse("USERSVC_LDAP_USER_FILTER", "(objectClass=inetOrgPerson)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("USERSVC_LDAP_USER_FILTER");
        for (String template : new String[] {"(mail=*{email}*)", "(mail={email}.old)", "(mail>={email})",
                "(mail~={email})", "(mail:caseExactMatch:={email})"}) {
            assertThatThrownBy(() -> UserFilter.parse("USERSVC_LDAP_USER_FILTER", template)).as(template)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("USERSVC_LDAP_USER_FILTER: {email} may only stand");
        }
        assertThatThrownBy(() -> UserFilter.parse("USERSVC_LDAP_USER_FILTER", "(&(mail={email})"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an LDAP filter");
    }
}
