package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.ReadOnlyDirectory;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.EnsureAdminUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.SetAttributeUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import org.junit.jupiter.api.Test;

/**
 * Users who live in a directory the service can only read: they sign in and keep everything the
 * service keeps about them, under ids the service assigns; what only the directory may change is
 * refused with a clear answer.
 */
class ReadOnlyDirectoryTest {

    private static final String PASSWORD = "directory password 1";

    private final ReadOnlyDirectory directory = new ReadOnlyDirectory()
            .with("ann@example.com", PASSWORD)
            .with("boss@example.com", PASSWORD, Role.ADMIN);
    private final ServiceState state = InMemoryServiceState.create();
    private final UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), directory, state,
            new RecordingUserNotifier()).bcryptCost(4).build();

    private LogInUseCase.Result logIn(String email) {
        return core.logIn().logIn(new LogInUseCase.Command(email, PASSWORD, ClientAddress.unknown()));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(ManagedByDirectoryException.class)
                .satisfies(e -> assertThat(((ManagedByDirectoryException) e).code()).isEqualTo(code));
    }

    @Test
    void directoryUsersSignInRefreshAndKeepAttributesUnderAnIdAssignedOnce() {
        LogInUseCase.Result first = logIn("ann@example.com");
        LogInUseCase.Result second = logIn("ann@example.com");

        assertThat(first.user().id()).isEqualTo(second.user().id());
        assertThat(first.user().directoryKey()).startsWith("entry-");
        assertThat(logIn("boss@example.com").user().id()).isNotEqualTo(first.user().id());
        assertThat(core.refreshTokens().refresh(new RefreshTokensUseCase.Command(first.tokens().refreshToken(), ClientAddress.unknown()))
                .accessToken()).isNotBlank();
        long id = core.authenticate().authenticate(first.tokens().accessToken()).userId();
        assertThat(core.setAttribute().set(new SetAttributeUseCase.Command(id, "plan", "gold")).attributes())
                .containsEntry("plan", "gold");
        assertThat(core.getUser().get(id).email().value()).isEqualTo("ann@example.com");
    }

    @Test
    void whatOnlyTheDirectoryMayChangeIsRefused() {
        long id = logIn("ann@example.com").user().id();

        assertRefused(() -> core.register().register(RegisterUserUseCase.Command.of("new@example.com", PASSWORD,
                null, null, null, ClientAddress.unknown())), "registration_disabled");
        assertRefused(() -> core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(
                "ann@example.com", ClientAddress.unknown())), "managed_by_directory");
        assertRefused(() -> core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(
                "some-code", "a brand new password", ClientAddress.unknown())), "managed_by_directory");
        assertRefused(() -> core.updateName().updateName(new UpdateNameUseCase.Command(id, "Other", "Name")),
                "managed_by_directory");
        assertThat(core.getUser().get(id).firstname()).isEqualTo("Given");
        assertRefused(() -> core.changePassword().change(new ChangePasswordUseCase.Command(Caller.user(id), PASSWORD,
                "a brand new password", SessionClient.unknown())), "managed_by_directory");
        assertRefused(() -> core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(id),
                "moved@example.com", PASSWORD, ClientAddress.unknown())), "managed_by_directory");
        assertRefused(() -> core.deleteAccount().delete(new DeleteAccountUseCase.Command(Caller.user(id), id,
                PASSWORD, ClientAddress.unknown())), "managed_by_directory");
        assertThat(logIn("ann@example.com").user().id()).isEqualTo(id);
    }

    @Test
    void rolesComeFromTheDirectoryAndFromTheServiceButOnlyTheServicesCanBeRevokedHere() {
        User boss = logIn("boss@example.com").user();
        User ann = logIn("ann@example.com").user();

        assertThat(boss.roles()).containsExactly(Role.ADMIN);
        User granted = core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(boss.id()), ann.id(),
                Role.USER_EDIT, true, ClientAddress.unknown()));
        assertThat(granted.roles()).containsExactly(Role.USER_EDIT);
        assertThat(core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(boss.id()), ann.id(),
                Role.USER_EDIT, false, ClientAddress.unknown())).roles()).isEmpty();
        assertRefused(() -> core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), boss.id(),
                Role.ADMIN, false, ClientAddress.unknown())), "managed_by_directory");
        assertThat(core.getUser().get(boss.id()).roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void theBootstrapAdministratorMustAlreadyBeInTheDirectory() {
        User existing = core.ensureAdmin().ensure(new EnsureAdminUseCase.Command(
                io.userservice.core.domain.Email.of("ann@example.com"), "whatever password"));

        assertThat(existing.email().value()).isEqualTo("ann@example.com");
        assertRefused(() -> core.ensureAdmin().ensure(new EnsureAdminUseCase.Command(
                io.userservice.core.domain.Email.of("absent@example.com"), "some password here")),
                "registration_disabled");
    }

    @Test
    void theStateOfOneDirectoryIsNotTakenOverByAnother() {
        assertThatThrownBy(() -> UserServiceCore.builder(CoreSettings.defaults(),
                io.userservice.core.memory.InMemoryUserDirectory::new, state, new RecordingUserNotifier()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    }
}
