package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CapturedLog;
import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.ConfirmEmailChangeUseCase;
import io.userservice.core.settings.OutboxSettings;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Requesting a new email address: not with a token minted on the user's behalf, not for an
 * address another account holds (refused and audited, nothing mailed); otherwise the code goes to
 * the new address, replaces the user's earlier request, and the audit says whether it was mailed
 * or held back by the recipient's mail limit.
 */
class ChangeEmailServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("203.0.113.77");

    private final CoreFixture fixture = new CoreFixture(builder -> builder.outbox(OutboxSettings.defaults()
            .withRecipientLimit(2)));
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    private void request(Caller caller, String newEmail) {
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(caller, newEmail, CoreFixture.PASSWORD,
                ADDRESS));
    }

    private User confirm(String code) {
        return fixture.core.confirmEmailChange().confirm(new ConfirmEmailChangeUseCase.Command(ann.id(), code,
                ADDRESS));
    }

    private AuditEvent newest(AuditAction action) {
        return fixture.audited(action).get(0);
    }

    private long mailsTo(String email) {
        return fixture.sent().stream().filter(n -> n.email().equals(email)).count();
    }

    @Test
    void aTokenMintedOnTheUsersBehalfCannotRequestANewAddress() {
        User admin = fixture.aConfirmedUser("admin@example.com");

        assertThatThrownBy(() -> request(new Caller(ann.id(), admin.id()), "new@example.com"))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(mailsTo("new@example.com")).isZero();
    }

    @Test
    void anAddressAnotherAccountHoldsIsRefusedAuditedAndNotMailed() {
        fixture.aConfirmedUser("bob@example.com");
        long mailsToBob = mailsTo("bob@example.com");

        assertThatThrownBy(() -> request(Caller.user(ann.id()), "bob@example.com"))
                .isInstanceOf(EmailAlreadyTakenException.class);

        AuditEvent denied = newest(AuditAction.EMAIL_CHANGE_REQUESTED);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.detail()).isEqualTo("address taken");
        assertThat(mailsTo("bob@example.com")).isEqualTo(mailsToBob);
    }

    @Test
    void theCodeGoesToTheNewAddressAndReplacesTheEarlierRequest() {
        request(Caller.user(ann.id()), "first@example.com");
        String first = fixture.lastCode(MailKind.EMAIL_CHANGE, "first@example.com").orElseThrow();
        request(Caller.user(ann.id()), "second@example.com");
        String second = fixture.lastCode(MailKind.EMAIL_CHANGE, "second@example.com").orElseThrow();

        AuditEvent requested = newest(AuditAction.EMAIL_CHANGE_REQUESTED);
        assertThat(requested.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(requested.detail()).isEqualTo("code mailed to the new address");
        assertThat(mailsTo("ann@example.com")).isEqualTo(1);
        assertThatThrownBy(() -> confirm(first)).isInstanceOf(InvalidCodeException.class);
        assertThat(confirm(second).email().value()).isEqualTo("second@example.com");
    }

    @Test
    void overTheNewAddresssMailLimitNothingIsMailedAndTheAuditSaysSo() {
        request(Caller.user(ann.id()), "new@example.com");
        request(Caller.user(ann.id()), "new@example.com");
        assertThat(mailsTo("new@example.com")).isEqualTo(2);

        try (CapturedLog log = CapturedLog.of(CodeMails.class)) {
            request(Caller.user(ann.id()), "new@example.com");

            assertThat(log.at(Level.WARNING)).singleElement().asString()
                    .contains("EMAIL_CHANGE").contains("user " + ann.id());
        }

        assertThat(newest(AuditAction.EMAIL_CHANGE_REQUESTED).detail())
                .isEqualTo("not mailed: the address's mail limit is reached");
        assertThat(fixture.sent()).filteredOn(n -> n.email().equals("new@example.com"))
                .extracting(RecordingUserNotifier.Notification::kind).hasSize(2);
    }
}
