package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.LogInUseCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may act on an account: its owner and administrators; another plain user is refused and the
 * refusal audited; an administrator acting on no one finds no one. Changes needing the owner's
 * password are refused to a credential minted on the owner's behalf, and the refusal is audited
 * under the real actor with the owner as subject.
 */
class AccountOwnersTest {

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    AccountOwnersTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown()));
    }

    private List<AuditEvent> audited(AuditAction action) {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(action.storedForm())).toList();
    }

    @Test
    void aPasswordChangeThroughATokenMintedOnTheOwnersBehalfIsRefusedAndAudited() {
        assertThatThrownBy(() -> fixture.core.changePassword().change(new ChangePasswordUseCase.Command(
                new Caller(ann.id(), admin.id()), CoreFixture.PASSWORD, "a brand new password",
                new SessionClient("192.0.2.9", "Firefox")))).isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot change the password.");

        AuditEvent denied = audited(AuditAction.PASSWORD_CHANGED).get(0);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.actorId()).isEqualTo(admin.id());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.clientAddress()).isEqualTo("192.0.2.9");
        assertThat(denied.detail()).isEqualTo("caller used an impersonation token");
    }

    @Test
    void anEmailChangeThroughATokenMintedOnTheOwnersBehalfIsRefusedAndAudited() {
        assertThatThrownBy(() -> fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(
                new Caller(ann.id(), bob.id()), "ann.new@example.com", CoreFixture.PASSWORD,
                ClientAddress.of("192.0.2.10")))).isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot change the email.");

        assertThat(audited(AuditAction.EMAIL_CHANGE_REQUESTED))
                .extracting(AuditEvent::actorId, AuditEvent::subjectId, AuditEvent::outcome, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bob.id(), ann.id(), Outcome.DENIED.storedForm(),
                        "caller used an impersonation token"));
    }

    @Test
    void anotherPlainUserSeesNoOnesSessionsAndTheRefusalIsAudited() {
        assertThatThrownBy(() -> fixture.core.listSessions().list(Caller.user(bob.id()), ann.id()))
                .isInstanceOf(AccessDeniedException.class).hasMessage("This needs role admin.");

        assertThat(audited(AuditAction.SESSIONS_ENDED))
                .extracting(AuditEvent::actorId, AuditEvent::subjectId, AuditEvent::outcome, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bob.id(), ann.id(), Outcome.DENIED.storedForm(),
                        "caller is not an admin"));
    }

    @Test
    void theOwnerAndAnAdministratorSeeTheOwnersSessions() {
        assertThat(fixture.core.listSessions().list(Caller.user(ann.id()), ann.id())).hasSize(1);
        assertThat(fixture.core.listSessions().list(Caller.user(admin.id()), ann.id())).hasSize(1);
        assertThat(fixture.core.listSessions().list(Caller.operator(), ann.id())).hasSize(1);
    }

    @Test
    void anAdministratorActingOnNoOneFindsNoOne() {
        assertThatThrownBy(() -> fixture.core.listSessions().list(Caller.user(admin.id()), bob.id() + 100))
                .isInstanceOf(NotFoundException.class).hasMessage("There is no such user.");
    }
}
