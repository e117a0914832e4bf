package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.ReadOnlyDirectory;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.settings.CoreSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deleting an account: the owner with their password and their own credential, or an
 * administrator; never another plain user or an impersonation token, never on a directory that
 * cannot delete. A deletion erases what the service kept (roles and state, the mails waiting for
 * the user's addresses but not those now meant for someone else) and is audited and told to webhooks.
 */
class DeleteAccountServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.7");

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    DeleteAccountServiceTest() {
        grant(admin, Role.ADMIN);
        QueuedWebhookEvents.of(fixture);
    }

    private void grant(User user, Role role) {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), user.id(), role, true,
                ClientAddress.unknown()));
    }

    private void delete(Caller caller, long userId, String password) {
        fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(caller, userId, password, ADDRESS));
    }

    private boolean exists(User user) {
        return fixture.core.userExists().exists(new UserExistsUseCase.Command(user.email().value(),
                ClientAddress.unknown()));
    }

    private List<AuditEvent> audited() {
        return fixture.audited(AuditAction.ACCOUNT_DELETED);
    }

    private List<String> events() {
        return QueuedWebhookEvents.reading(fixture).drainSummaries();
    }

    @Test
    void aPlainUserCannotDeleteAnotherUser() {
        assertThatThrownBy(() -> delete(Caller.user(bob.id()), ann.id(), CoreFixture.PASSWORD))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Deleting a user needs role admin.");

        assertThat(audited()).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(bob.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.detail()).isEqualTo("caller is not an admin");
        });
        assertThat(exists(ann)).isTrue();
    }

    @Test
    void anImpersonationTokenCannotDeleteTheAccountItSpeaksFor() {
        assertThatThrownBy(() -> delete(new Caller(ann.id(), admin.id()), ann.id(), CoreFixture.PASSWORD))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot delete the account.");

        assertThat(audited()).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.detail()).isEqualTo("caller used an impersonation token");
        });
        assertThat(exists(ann)).isTrue();
    }

    @Test
    void theOwnerNeedsTheirPassword() {
        assertThatThrownBy(() -> delete(Caller.user(ann.id()), ann.id(), "not the password"))
                .isInstanceOf(InvalidCredentialsException.class);

        assertThat(exists(ann)).isTrue();
        assertThat(audited()).noneMatch(e -> e.outcome().equals(Outcome.SUCCESS.storedForm()));
    }

    @Test
    void anAdministratorCannotDeleteAUserWhoDoesNotExist() {
        assertThatThrownBy(() -> delete(Caller.user(admin.id()), 9_999, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theOwnerDeletesTheirAccountAndEverythingKeptAboutItGoes() {
        grant(ann, new Role("support"));
        events();

        delete(Caller.user(ann.id()), ann.id(), CoreFixture.PASSWORD);

        assertThat(exists(ann)).isFalse();
        assertThat(fixture.state.accounts().stateOf(ann.id())).isEqualTo(AccountState.initial());
        assertThat(events()).containsExactly("user.deleted {\"id\":" + ann.id() + "}}");
        assertThat(audited()).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
            assertThat(e.detail()).isNull();
        });
        assertThat(exists(bob)).isTrue();
    }

    @Test
    void anAdministratorDeletesAnotherUserWithoutTheirPassword() {
        events();

        delete(Caller.user(admin.id()), ann.id(), null);

        assertThat(exists(ann)).isFalse();
        assertThat(events()).containsExactly("user.deleted {\"id\":" + ann.id() + "}}");
        assertThat(audited()).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        });
    }

    @Test
    void mailForAnAddressTheUserWantedIsErasedUnlessSomeoneElseNowHasIt() {
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(ann.id()), "taken@example.com",
                CoreFixture.PASSWORD, ADDRESS));
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(bob.id()), "moved@example.com",
                CoreFixture.PASSWORD, ADDRESS));
        fixture.core.register().register(RegisterUserUseCase.Command.of("taken@example.com", CoreFixture.PASSWORD,
                null, null, null, ClientAddress.unknown()));

        delete(Caller.user(ann.id()), ann.id(), CoreFixture.PASSWORD);
        delete(Caller.user(bob.id()), bob.id(), CoreFixture.PASSWORD);

        List<RecordingUserNotifier.Notification> sent = fixture.sent();
        assertThat(sent).filteredOn(n -> n.email().equals("taken@example.com"))
                .extracting(RecordingUserNotifier.Notification::kind).containsExactly(MailKind.EMAIL_CONFIRMATION);
        assertThat(sent).noneMatch(n -> n.email().equals("moved@example.com"));
    }

    @Test
    void onADirectoryThatCannotDeleteNeitherTheOwnerNorAnAdministratorDeletes() {
        String password = "directory password 1";
        ReadOnlyDirectory directory = new ReadOnlyDirectory()
                .with("ann@example.com", password)
                .with("boss@example.com", password, Role.ADMIN);
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), directory,
                InMemoryServiceState.create(), new RecordingUserNotifier()).bcryptCost(4).build();
        long annId = core.logIn().logIn(new LogInUseCase.Command("ann@example.com", password, ADDRESS)).user().id();
        long bossId = core.logIn().logIn(new LogInUseCase.Command("boss@example.com", password, ADDRESS)).user().id();

        for (Caller caller : List.of(Caller.user(bossId), Caller.user(annId))) {
            assertThatThrownBy(() -> core.deleteAccount().delete(new DeleteAccountUseCase.Command(caller, annId,
                    password, ADDRESS))).isInstanceOf(ManagedByDirectoryException.class)
                    .satisfies(e -> assertThat(((ManagedByDirectoryException) e).code())
                            .isEqualTo("managed_by_directory"));
        }
        assertThat(core.logIn().logIn(new LogInUseCase.Command("ann@example.com", password, ADDRESS)).user().id())
                .isEqualTo(annId);
    }
}
