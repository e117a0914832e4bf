package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.ReadOnlyDirectory;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.UpdateUserUseCase;
import io.userservice.core.port.in.UpdateUserUseCase.Patch;
import io.userservice.core.settings.CoreSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An administrator corrects a user: only the fields given change, a bad field changes nothing,
 * the email of an administrator is out of reach, and a new email ends the user's sessions and
 * codes and tells the old address.
 */
class UpdateUserServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.7");

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    UpdateUserServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        QueuedWebhookEvents.of(fixture);
    }

    private User update(Caller caller, long userId, Patch patch) {
        return fixture.core.updateUser().update(new UpdateUserUseCase.Command(caller, userId, patch, ADDRESS));
    }

    private User byAdmin(long userId, Patch patch) {
        return update(Caller.user(admin.id()), userId, patch);
    }

    private static Patch names(String firstname, boolean firstnameGiven, String lastname, boolean lastnameGiven) {
        return new Patch(firstname, firstnameGiven, lastname, lastnameGiven, null, null, null);
    }

    private static Patch email(String email) {
        return new Patch(null, false, null, false, null, null, email);
    }

    private List<AuditEvent> audited() {
        return fixture.audited(AuditAction.USER_UPDATED);
    }

    private List<String> events() {
        return QueuedWebhookEvents.reading(fixture).drainSummaries();
    }

    @Test
    void onlyAnAdministratorUpdatesUsers() {
        User plain = fixture.aConfirmedUser("plain@example.com");

        assertThatThrownBy(() -> update(Caller.user(plain.id()), ann.id(), names("Mallory", true, null, false)))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Changing users needs role admin.");

        assertThat(audited()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.detail()).isEqualTo("caller is not an admin");
            assertThat(e.subjectId()).isEqualTo(ann.id());
        });
        assertThat(update(Caller.operator(), ann.id(), names("Ann", true, null, false)).firstname()).isEqualTo("Ann");
    }

    @Test
    void anEmptyPatchOrAnUnknownUserIsRefused() {
        assertThatThrownBy(() -> byAdmin(ann.id(), new Patch(null, false, null, false, null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("code", "empty_patch");
        assertThatThrownBy(() -> byAdmin(ann.id() + 1000, names("X", true, null, false)))
                .isInstanceOf(NotFoundException.class).hasMessage("There is no user with this id.");
    }

    @Test
    void onlyTheGivenNamesChangeAndANameCanBeCleared() {
        byAdmin(ann.id(), names("Ann", true, "Lee", true));
        events();

        User renamed = byAdmin(ann.id(), names("Anna", true, null, false));
        User cleared = byAdmin(ann.id(), names(null, false, null, true));

        assertThat(renamed.firstname()).isEqualTo("Anna");
        assertThat(renamed.lastname()).isEqualTo("Lee");
        assertThat(cleared.firstname()).isEqualTo("Anna");
        assertThat(cleared.lastname()).isNull();
        assertThat(audited().get(0).detail()).isEqualTo("names");
        assertThat(audited().get(0).outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(audited().get(0).actorId()).isEqualTo(admin.id());
        assertThat(events()).containsExactly(
                "user.updated {\"id\":" + ann.id() + ",\"firstname\":\"Anna\",\"lastname\":\"Lee\",\"language\":\"en\"}}",
                "user.updated {\"id\":" + ann.id() + ",\"firstname\":\"Anna\",\"lastname\":null,\"language\":\"en\"}}");
    }

    @Test
    void aLanguageChangesAloneAndIsToldWithTheNames() {
        byAdmin(ann.id(), names("Ann", true, "Lee", true));
        events();

        User changed = byAdmin(ann.id(), new Patch(null, false, null, false, "de", null, null));

        assertThat(changed.language()).isEqualTo("de");
        assertThat(changed.firstname()).isEqualTo("Ann");
        assertThat(audited().get(0).detail()).isEqualTo("language");
        assertThat(events()).containsExactly(
                "user.updated {\"id\":" + ann.id() + ",\"firstname\":\"Ann\",\"lastname\":\"Lee\",\"language\":\"de\"}}");
        assertThatThrownBy(() -> byAdmin(ann.id(), new Patch(null, false, null, false, "no language!", null, null)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anEmailIsMarkedConfirmedButNeverUnconfirmed() {
        long id = fixture.core.register().register(RegisterUserUseCase.Command.of("new@example.com",
                CoreFixture.PASSWORD, null, null, null, ClientAddress.unknown())).id();
        events();

        assertThatThrownBy(() -> byAdmin(id, new Patch("Bad", true, null, false, null, false, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("An email can be marked confirmed, not unconfirmed.");
        User confirmed = byAdmin(id, new Patch(null, false, null, false, null, true, null));
        User again = byAdmin(id, new Patch(null, false, null, false, null, true, null));

        assertThat(confirmed.confirmed()).isTrue();
        assertThat(confirmed.firstname()).isNull();
        assertThat(again.confirmed()).isTrue();
        assertThat(audited().get(1).detail()).isEqualTo("confirmed");
        assertThat(audited().get(0).detail()).isEqualTo("nothing changed");
        assertThat(events()).containsExactly(
                "user.confirmed {\"id\":" + id + ",\"email\":\"new@example.com\",\"confirmed\":true}}");
    }

    @Test
    void aNewEmailEndsTheUsersSessionsAndCodesAndTellsTheOldAddress() {
        LogInUseCase.Result session = fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()));
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ann@example.com",
                ClientAddress.unknown()));
        String resetCode = fixture.lastCode(MailKind.PASSWORD_RESET, "ann@example.com").orElseThrow();
        events();
        fixture.clock.advance(java.time.Duration.ofSeconds(1));

        User moved = byAdmin(ann.id(), new Patch("Ann", true, null, false, null, null, "ann@new.example.com"));

        assertThat(moved.email().value()).isEqualTo("ann@new.example.com");
        assertThat(moved.firstname()).isEqualTo("Ann");
        assertThat(audited().get(0).detail()).isEqualTo("email, names");
        assertThat(fixture.sent()).anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo(MailKind.EMAIL_CHANGED_NOTICE);
            assertThat(n.email()).isEqualTo("ann@example.com");
        });
        assertThat(events()).first().isEqualTo(
                "user.email_changed {\"id\":" + ann.id() + ",\"email\":\"ann@new.example.com\"}}");
        assertThatThrownBy(() -> fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(
                session.tokens().refreshToken(), ClientAddress.unknown(), null)))
                .isInstanceOf(InvalidRefreshTokenException.class);
        assertThatThrownBy(() -> fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(
                resetCode, "another fine passphrase", ClientAddress.unknown())))
                .isInstanceOf(io.userservice.core.domain.UserServiceException.class);
    }

    @Test
    void theSameEmailChangesNothingAndTellsNoOne() {
        int mailsBefore = fixture.sent().size();

        User same = byAdmin(ann.id(), email("ann@example.com"));

        assertThat(same.email().value()).isEqualTo("ann@example.com");
        assertThat(audited().get(0).detail()).isEqualTo("nothing changed");
        assertThat(fixture.sent()).hasSize(mailsBefore);
    }

    @Test
    void anAdministratorsEmailIsChangedOnlyByTheOperator() {
        User editor = fixture.aConfirmedUser("editor@example.com");
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), editor.id(), Role.USER_EDIT,
                true, ClientAddress.unknown()));
        User otherAdmin = fixture.aConfirmedUser("boss@example.com");
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), otherAdmin.id(), Role.ADMIN,
                true, ClientAddress.unknown()));

        for (User target : List.of(editor, otherAdmin)) {
            assertThatThrownBy(() -> byAdmin(target.id(), email("mine@example.com")))
                    .isInstanceOf(AccessDeniedException.class).hasMessage(
                            "The email of a user holding role admin or user-edit cannot be changed through the API.");
        }
        assertThatThrownBy(() -> byAdmin(admin.id(), email("mine@example.com")))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("code", "own_email");
        assertThat(audited()).hasSize(2).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.detail()).isEqualTo("email of an administrator");
        });
        assertThat(byAdmin(admin.id(), names("Boss", true, null, false)).firstname()).isEqualTo("Boss");
        assertThat(update(Caller.operator(), editor.id(), email("editor@new.example.com")).email().value())
                .isEqualTo("editor@new.example.com");
    }

    @Test
    void aBadFieldChangesNothing() {
        assertThatThrownBy(() -> byAdmin(ann.id(), new Patch("Ann", true, null, false, null, null, "not an email")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> byAdmin(ann.id(), new Patch("Ann", true, "x".repeat(1000), true, null, null, null)))
                .isInstanceOf(InvalidInputException.class);

        User unchanged = fixture.core.getUser().get(ann.id());
        assertThat(unchanged.firstname()).isNull();
        assertThat(audited()).isEmpty();
    }

    @Test
    void whatTheDirectoryOwnsIsRefusedBeforeAnythingChanges() {
        ReadOnlyDirectory directory = new ReadOnlyDirectory().with("ro@example.com", "directory password 1")
                .with("boss@example.com", "directory password 1", Role.ADMIN);
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), directory,
                InMemoryServiceState.create(), new RecordingUserNotifier()).bcryptCost(4).build();
        long ro = core.logIn().logIn(new LogInUseCase.Command("ro@example.com", "directory password 1",
                ClientAddress.unknown())).user().id();

        for (Patch patch : List.of(names("A", true, null, false), names(null, false, "B", true),
                new Patch(null, false, null, false, "de", null, null),
                new Patch(null, false, null, false, null, true, null), email("other@example.com"))) {
            assertThatThrownBy(() -> core.updateUser().update(new UpdateUserUseCase.Command(Caller.operator(), ro,
                    patch, ADDRESS))).isInstanceOf(ManagedByDirectoryException.class);
        }
    }
}
