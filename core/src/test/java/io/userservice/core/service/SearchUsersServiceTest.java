package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.ReadOnlyDirectory;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.SearchUsersUseCase;
import io.userservice.core.port.in.SearchUsersUseCase.Command;
import io.userservice.core.port.in.SearchUsersUseCase.Page;
import io.userservice.core.settings.CoreSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Searching users, for administrators only: a member or a token minted on an administrator's
 * behalf is refused and audited; the limit lies between 1 and 200 and the query is at most 254
 * characters of text; pages follow each other by an opaque cursor that names the last user shown,
 * a cursor this service did not make is refused, and a full last page says there is no next; each
 * user comes with what the service keeps about them (roles, deactivation).
 */
class SearchUsersServiceTest {

    private final CoreFixture fixture = new CoreFixture();
    private final SearchUsersUseCase search = fixture.core.searchUsers();
    private final User admin = fixture.aConfirmedUser("root@example.com");
    private final User ada = fixture.aConfirmedUser("ada@example.com");
    private final User adam = fixture.aConfirmedUser("adam@example.com");
    private final User adrian = fixture.aConfirmedUser("adrian@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");
    private final Caller asAdmin;

    SearchUsersServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        asAdmin = Caller.user(admin.id());
    }

    private Page page(String query, int limit, String cursor) {
        return search.search(new Command(asAdmin, query, limit, cursor));
    }

    private static List<String> emails(Page page) {
        return page.users().stream().map(u -> u.email().value()).toList();
    }

    private static String cursorOf(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private List<AuditEvent> searches() {
        return fixture.state.auditLog().newest(null, 500).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.USERS_SEARCHED.storedForm())).toList();
    }

    private static void assertInvalid(ThrowingCallable call, String code, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", code).hasFieldOrPropertyWithValue("field", field);
    }

    @Test
    void aMemberOrAnAdministratorsMintedTokenIsRefusedAndAudited() {
        assertThatThrownBy(() -> search.search(new Command(Caller.user(ada.id()), "", 10, null)))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Searching users needs role admin.");
        assertThatThrownBy(() -> search.search(new Command(new Caller(admin.id(), bob.id()), "", 10, null)))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot be used for administration.");

        List<AuditEvent> denied = searches();
        assertThat(denied).hasSize(2).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.subjectId()).isNull();
            assertThat(e.clientAddress()).isNull();
        });
        assertThat(denied.get(1).actorId()).isEqualTo(ada.id());
        assertThat(denied.get(1).detail()).isEqualTo("caller is not an admin");
        assertThat(denied.get(0).actorId()).isEqualTo(bob.id());
        assertThat(denied.get(0).detail()).isEqualTo("caller used an impersonation token");
    }

    @Test
    void theOperatorAndAnAdministratorFindUsersByTheStartOfTheirEmailInAnyCase() {
        Page page = search.search(new Command(Caller.operator(), "AD", 10, null));

        assertThat(emails(page)).containsExactly("ada@example.com", "adam@example.com", "adrian@example.com");
        assertThat(page.next()).isNull();
        assertThat(emails(page("bob", 10, null))).containsExactly("bob@example.com");
        assertThat(page("zed", 10, null).users()).isEmpty();
        assertThat(page("zed", 10, null).next()).isNull();
        assertThat(searches()).isEmpty();
    }

    @Test
    void noQueryBlankOrEmptyMatchesEveryone() {
        List<String> everyone = List.of("root@example.com", "ada@example.com", "adam@example.com",
                "adrian@example.com", "bob@example.com");

        assertThat(emails(page(null, 10, null))).containsExactlyElementsOf(everyone);
        assertThat(emails(page("", 10, null))).containsExactlyElementsOf(everyone);
        assertThat(emails(page("  \t ", 10, null))).containsExactlyElementsOf(everyone);
        assertThat(emails(page("  ada@ ", 10, null))).containsExactly("ada@example.com");
    }

    @Test
    void pagesFollowEachOtherByTheirCursorNeitherSkippingNorRepeating() {
        Page first = page("ad", 2, null);

        assertThat(emails(first)).containsExactly("ada@example.com", "adam@example.com");
        assertThat(first.next()).isEqualTo(cursorOf(adam.directoryKey()));
        Page second = page("ad", 2, first.next());
        assertThat(emails(second)).containsExactly("adrian@example.com");
        assertThat(second.next()).isNull();
        Page single = page("ad", 1, null);
        assertThat(emails(single)).containsExactly("ada@example.com");
        assertThat(emails(page("ad", 1, single.next()))).containsExactly("adam@example.com");
    }

    @Test
    void aPageHoldingExactlyTheLastUsersHasNoNext() {
        Page page = page("ad", 3, null);

        assertThat(emails(page)).containsExactly("ada@example.com", "adam@example.com", "adrian@example.com");
        assertThat(page.next()).isNull();
        assertThat(page("", 200, null).users()).hasSize(5);
    }

    @Test
    void aPageShowsWhatTheServiceKeepsAboutEachUser() {
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), adam.id(), false,
                ClientAddress.unknown()));

        List<User> users = page("", 10, null).users();

        assertThat(users).extracting(User::id).containsExactly(admin.id(), ada.id(), adam.id(), adrian.id(), bob.id());
        assertThat(users).extracting(User::deactivated).containsExactly(false, false, true, false, false);
        assertThat(users.get(0).roles()).contains(Role.ADMIN);
        assertThat(users.get(1).roles()).doesNotContain(Role.ADMIN);
        assertThat(users.get(2).credentialEpoch()).isGreaterThan(users.get(1).credentialEpoch());
    }

    @Test
    void theLimitLiesBetweenOneAndTwoHundred() {
        assertInvalid(() -> page("", 0, null), "invalid_page", "limit");
        assertInvalid(() -> page("", -1, null), "invalid_page", "limit");
        assertInvalid(() -> page("", 201, null), "invalid_page", "limit");
        assertThat(page("", 1, null).users()).hasSize(1);
        assertThat(page("", 200, null).users()).hasSize(5);
    }

    @Test
    void theQueryIsAtMostAnEmailLongAndHoldsNoControlCharacter() {
        String longest = "a".repeat(SearchUsersService.MAX_QUERY_LENGTH);

        assertThat(page(longest, 10, null).users()).isEmpty();
        assertThat(page("  " + longest + "  ", 10, null).users()).isEmpty();
        assertInvalid(() -> page(longest + "a", 10, null), "invalid_query", "query");
        assertInvalid(() -> page("ad\u0000", 10, null), "invalid_query", "query");
        assertInvalid(() -> page("a\td", 10, null), "invalid_query", "query");
        assertInvalid(() -> page("ad\u0085", 10, null), "invalid_query", "query");
    }

    @Test
    void aCursorThisServiceDidNotMakeIsRefused() {
        String padded = cursorOf(ada.directoryKey()) + "==";
        String standardAlphabet = Base64.getEncoder().encodeToString("ÿ?>".getBytes(StandardCharsets.ISO_8859_1));

        assertInvalid(() -> page("", 10, "not base64!"), "invalid_page", "cursor");
        assertInvalid(() -> page("", 10, padded), "invalid_page", "cursor");
        assertInvalid(() -> page("", 10, standardAlphabet), "invalid_page", "cursor");
        assertInvalid(() -> page("", 10, cursorOf("k".repeat(513))), "invalid_page", "cursor");
        assertThat(page("", 10, cursorOf("k".repeat(512))).users()).isEmpty();
    }

    @Test
    void anEmptyCursorAsksForTheFirstPage() {
        assertThat(emails(page("ad", 10, ""))).containsExactly("ada@example.com", "adam@example.com",
                "adrian@example.com");
    }

    @Test
    void aDirectoryThatCannotSearchRefusesEvenTheOperator() {
        UserServiceCore readOnly = UserServiceCore.builder(CoreSettings.defaults(), new ReadOnlyDirectory()
                .with("boss@example.com", "directory password 1", Role.ADMIN), InMemoryServiceState.create(),
                new RecordingUserNotifier()).bcryptCost(4).build();

        assertThatThrownBy(() -> readOnly.searchUsers().search(new Command(Caller.operator(), "", 10, null)))
                .isInstanceOf(ManagedByDirectoryException.class)
                .hasFieldOrPropertyWithValue("code", "managed_by_directory")
                .hasMessage("The user search is managed in the user directory and cannot be changed here.");
    }
}
