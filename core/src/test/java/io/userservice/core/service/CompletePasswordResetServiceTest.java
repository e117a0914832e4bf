package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import org.junit.jupiter.api.Test;

/**
 * Completing a password reset: a code that is unknown, of another purpose or used already is
 * refused and audited without an account; the right code sets the new password, ends every
 * session (saying how many in the audit and with a webhook event only when there was one), and
 * confirms an address that was not confirmed yet, with its own event.
 */
class CompletePasswordResetServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("198.51.100.61");
    private static final String NEW_PASSWORD = "a brand new passphrase";

    private final CoreFixture fixture = new CoreFixture();
    private final QueuedWebhookEvents events = QueuedWebhookEvents.of(fixture);
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    private String resetCode(String email) {
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(email, ADDRESS));
        return fixture.lastCode(MailKind.PASSWORD_RESET, email).orElseThrow();
    }

    private User complete(String code) {
        return fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code,
                NEW_PASSWORD, ADDRESS));
    }

    private AuditEvent newest(AuditAction action) {
        return fixture.audited(action).get(0);
    }

    private void signIn() {
        fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com", CoreFixture.PASSWORD, ADDRESS));
    }

    @Test
    void anUnknownCodeIsRefusedAndAuditedWithoutAnAccount() {
        assertThatThrownBy(() -> complete("no such code")).isInstanceOf(InvalidCodeException.class);

        AuditEvent denied = newest(AuditAction.RESET_COMPLETED);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.subjectId()).isNull();
        assertThat(denied.actorId()).isNull();
        assertThat(denied.clientAddress()).isEqualTo("198.51.100.61");
        assertThat(denied.detail()).isEqualTo("invalid, expired or used code");
    }

    @Test
    void aConfirmationCodeDoesNotResetAPassword() {
        fixture.core.register().register(RegisterUserUseCase.Command.of("una@example.com", CoreFixture.PASSWORD,
                null, null, null, ADDRESS));
        String confirmation = fixture.lastCode(MailKind.EMAIL_CONFIRMATION, "una@example.com").orElseThrow();

        assertThatThrownBy(() -> complete(confirmation)).isInstanceOf(InvalidCodeException.class);

        assertThat(newest(AuditAction.RESET_COMPLETED).outcome()).isEqualTo(Outcome.DENIED.storedForm());
    }

    @Test
    void aUsedCodeIsRefusedTheSecondTime() {
        String code = resetCode("ann@example.com");
        complete(code);

        assertThatThrownBy(() -> complete(code)).isInstanceOf(InvalidCodeException.class);
        assertThat(newest(AuditAction.RESET_COMPLETED).detail()).isEqualTo("invalid, expired or used code");
    }

    @Test
    void theResetEndsEverySessionAndSaysHowMany() {
        signIn();
        signIn();
        String code = resetCode("ann@example.com");
        events.drain();

        User after = complete(code);

        assertThat(after.id()).isEqualTo(ann.id());
        AuditEvent completed = newest(AuditAction.RESET_COMPLETED);
        assertThat(completed.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(completed.subjectId()).isEqualTo(ann.id());
        assertThat(completed.detail()).isEqualTo("revoked 2 refresh token(s)");
        assertThat(events.drainTypes()).containsExactly(WebhookEventType.USER_PASSWORD_CHANGED,
                WebhookEventType.SESSION_REVOKED);
        assertThat(fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command("ann@example.com",
                NEW_PASSWORD, ADDRESS)).id()).isEqualTo(ann.id());
    }

    @Test
    void aResetWithoutSessionsReportsNoneRevoked() {
        String code = resetCode("ann@example.com");
        events.drain();

        complete(code);

        assertThat(newest(AuditAction.RESET_COMPLETED).detail()).isEqualTo("revoked 0 refresh token(s)");
        assertThat(events.drainTypes()).containsExactly(WebhookEventType.USER_PASSWORD_CHANGED);
    }

    @Test
    void aResetConfirmsAnAddressThatWasNotConfirmedYet() {
        User una = fixture.core.register().register(RegisterUserUseCase.Command.of("una@example.com",
                CoreFixture.PASSWORD, null, null, null, ADDRESS));
        assertThat(una.confirmed()).isFalse();
        String code = resetCode("una@example.com");
        events.drain();

        User after = complete(code);

        assertThat(after.confirmed()).isTrue();
        assertThat(events.drainTypes()).containsExactly(WebhookEventType.USER_PASSWORD_CHANGED,
                WebhookEventType.USER_CONFIRMED);
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("una@example.com", NEW_PASSWORD, ADDRESS))
                .user().id()).isEqualTo(una.id());
    }
}
