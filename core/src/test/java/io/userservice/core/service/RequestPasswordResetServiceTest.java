package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.ReadOnlyDirectory;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.settings.CoreSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Asking for a password reset by email: an unknown or malformed email sends nothing and is audited
 * as denied without naming anyone; a known one mails that user alone a reset code valid for the
 * reset lifetime and is audited under them; past the per-account limit nothing more is sent; a
 * directory that keeps passwords itself refuses.
 */
class RequestPasswordResetServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.66");

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    private void request(String email) {
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(email, ADDRESS));
    }

    private List<String> resetMails() {
        return fixture.sent().stream().filter(n -> n.kind() == MailKind.PASSWORD_RESET)
                .map(RecordingUserNotifier.Notification::email).toList();
    }

    private List<AuditEvent> audited() {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.RESET_REQUESTED.storedForm())).toList();
    }

    @Test
    void anUnknownEmailSendsNothingAndIsAuditedAsDeniedWithoutASubject() {
        request("nobody@example.com");

        assertThat(resetMails()).isEmpty();
        assertThat(audited()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.actorId()).isNull();
            assertThat(e.subjectId()).isNull();
            assertThat(e.clientAddress()).isEqualTo("192.0.2.66");
            assertThat(e.detail()).isEqualTo("no such account");
        });
    }

    @Test
    void aMalformedEmailSendsNothingAndIsAuditedAsDenied() {
        request("not an email");

        assertThat(resetMails()).isEmpty();
        assertThat(audited()).singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("no such account"));
    }

    @Test
    void aKnownEmailMailsThatUserAloneACodeAndIsAuditedUnderThem() {
        request("ann@example.com");

        assertThat(resetMails()).containsExactly("ann@example.com");
        assertThat(audited()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.66");
            assertThat(e.detail()).isNull();
        });
    }

    @Test
    void theCodeLastsExactlyTheResetLifetime() {
        request("ann@example.com");
        String code = fixture.lastCode(MailKind.PASSWORD_RESET, "ann@example.com").orElseThrow();
        fixture.clock.advance(CoreSettings.defaults().resetCodeTtl());

        assertThatThrownBy(() -> fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(
                code, "a brand new password", ClientAddress.unknown()))).isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void pastThePerAccountLimitNoMoreMailIsSent() {
        for (int i = 0; i < 8; i++) {
            request("bob@example.com");
        }

        assertThat(resetMails()).hasSize(5).containsOnly("bob@example.com");
        assertThat(audited()).filteredOn(e -> e.outcome().equals(Outcome.SUCCESS.storedForm())).hasSize(5)
                .allSatisfy(e -> assertThat(e.subjectId()).isEqualTo(bob.id()));
        assertThat(audited()).filteredOn(e -> e.outcome().equals(Outcome.THROTTLED.storedForm())).hasSize(3);
    }

    @Test
    void aDirectoryThatKeepsPasswordsItselfRefuses() {
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(),
                new ReadOnlyDirectory().with("ann@example.com", "directory password 1"), InMemoryServiceState.create(),
                new RecordingUserNotifier()).bcryptCost(4).build();

        assertThatThrownBy(() -> core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(
                "ann@example.com", ADDRESS))).isInstanceOf(ManagedByDirectoryException.class);
    }
}
