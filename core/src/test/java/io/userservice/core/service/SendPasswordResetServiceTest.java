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
import io.userservice.core.domain.InvalidCodeException;
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
import io.userservice.core.settings.CoreSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An administrator sending a user a password reset: a caller without role admin (a member, a
 * user editor, a token minted on an admin's behalf) is refused, audited, and no mail goes out; a
 * directory that keeps passwords itself refuses; an unknown id is not found. A sent reset mails the
 * user a reset code that sets a new password until the reset lifetime ends, and is audited under
 * the administrator.
 */
class SendPasswordResetServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.65");

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = grant(fixture.aConfirmedUser("admin@example.com"), Role.ADMIN);
    private final User editor = grant(fixture.aConfirmedUser("editor@example.com"), Role.USER_EDIT);
    private final User member = fixture.aConfirmedUser("member@example.com");

    private User grant(User user, Role role) {
        return fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), user.id(), role, true,
                ClientAddress.unknown()));
    }

    private void send(Caller caller, long userId) {
        fixture.core.sendPasswordReset().send(caller, userId, ADDRESS);
    }

    private List<String> resetMailsTo(String email) {
        return fixture.sent().stream().filter(n -> n.kind() == MailKind.PASSWORD_RESET)
                .map(RecordingUserNotifier.Notification::email).filter(email::equals).toList();
    }

    private List<AuditEvent> audited(Outcome outcome) {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.RESET_REQUESTED.storedForm()))
                .filter(e -> e.outcome().equals(outcome.storedForm())).toList();
    }

    @Test
    void aCallerWithoutRoleAdminIsRefusedAndAuditedAndNoMailGoesOut() {
        assertThatThrownBy(() -> send(Caller.user(member.id()), admin.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> send(Caller.user(editor.id()), member.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> send(Caller.user(member.id()), member.id())).isInstanceOf(AccessDeniedException.class);

        assertThat(fixture.sent()).noneMatch(n -> n.kind() == MailKind.PASSWORD_RESET);
        assertThat(audited(Outcome.SUCCESS)).isEmpty();
        assertThat(audited(Outcome.DENIED)).hasSize(3)
                .extracting(AuditEvent::actorId).containsExactly(member.id(), editor.id(), member.id());
    }

    @Test
    void aTokenMintedOnAnAdministratorsBehalfCannotSendAReset() {
        assertThatThrownBy(() -> send(new Caller(admin.id(), member.id()), member.id()))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(resetMailsTo("member@example.com")).isEmpty();
        assertThat(audited(Outcome.SUCCESS)).isEmpty();
    }

    @Test
    void anUnknownUserIsNotFound() {
        assertThatThrownBy(() -> send(Caller.user(admin.id()), 999_999L)).isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "user_not_found");

        assertThat(fixture.sent()).noneMatch(n -> n.kind() == MailKind.PASSWORD_RESET);
        assertThat(audited(Outcome.SUCCESS)).isEmpty();
    }

    @Test
    void aDirectoryThatKeepsPasswordsItselfRefuses() {
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(),
                new ReadOnlyDirectory().with("ann@example.com", "directory password 1"), InMemoryServiceState.create(),
                new RecordingUserNotifier()).bcryptCost(4).build();
        long ann = core.logIn().logIn(new LogInUseCase.Command("ann@example.com", "directory password 1",
                ClientAddress.unknown())).user().id();

        assertThatThrownBy(() -> core.sendPasswordReset().send(Caller.operator(), ann, ADDRESS))
                .isInstanceOf(ManagedByDirectoryException.class);
    }

    @Test
    void anAdministratorMailsTheUserAResetCodeThatWorksUntilTheResetLifetimeEnds() {
        send(Caller.user(admin.id()), member.id());

        assertThat(resetMailsTo("member@example.com")).hasSize(1);
        assertThat(audited(Outcome.SUCCESS)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.subjectId()).isEqualTo(member.id());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.65");
            assertThat(e.detail()).isEqualTo("sent by an administrator");
        });
        String code = fixture.lastCode(MailKind.PASSWORD_RESET, "member@example.com").orElseThrow();
        fixture.clock.advance(CoreSettings.defaults().resetCodeTtl());
        assertThatThrownBy(() -> fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(
                code, "a brand new password", ClientAddress.unknown()))).isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void aSentCodeSetsANewPasswordWithinItsLifetime() {
        send(Caller.user(admin.id()), member.id());
        String code = fixture.lastCode(MailKind.PASSWORD_RESET, "member@example.com").orElseThrow();
        fixture.clock.advance(CoreSettings.defaults().resetCodeTtl().minusSeconds(1));

        fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code,
                "a brand new password", ClientAddress.unknown()));

        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("member@example.com", "a brand new password",
                ClientAddress.unknown())).user().id()).isEqualTo(member.id());
    }

    @Test
    void theOperatorSendsAResetAuditedWithoutAnActor() {
        send(Caller.operator(), member.id());

        assertThat(resetMailsTo("member@example.com")).hasSize(1);
        assertThat(audited(Outcome.SUCCESS)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isNull();
            assertThat(e.subjectId()).isEqualTo(member.id());
        });
    }
}
