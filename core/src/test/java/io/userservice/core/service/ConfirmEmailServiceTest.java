package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Confirming an email with a mailed code: a wrong code, a code of another kind (a password reset
 * code), a used code and an expired one are all refused alike and audited as denied without
 * naming anyone. The right code confirms that user alone, once: it queues one webhook event and is
 * audited under the user; a code for a user already confirmed is accepted without a second event.
 */
class ConfirmEmailServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.67");

    private final CoreFixture fixture = new CoreFixture();
    private final QueuedWebhookEvents events = QueuedWebhookEvents.of(fixture);
    private final long annId = register("ann@example.com");
    private final long bobId = register("bob@example.com");
    private final String annsCode = fixture.lastCode(MailKind.EMAIL_CONFIRMATION, "ann@example.com").orElseThrow();

    {
        events.drain();
    }

    private long register(String email) {
        return fixture.core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD, null, null,
                null, ClientAddress.unknown())).id();
    }

    private User confirm(String code) {
        return fixture.core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ADDRESS));
    }

    private boolean confirmed(long userId) {
        return fixture.core.getUser().get(userId).confirmed();
    }

    private List<AuditEvent> audited(Outcome outcome) {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.EMAIL_CONFIRMATION.storedForm()))
                .filter(e -> e.outcome().equals(outcome.storedForm())).toList();
    }

    private void assertRefusedAndAuditedAsDenied(String code, int deniedSoFar) {
        assertThatThrownBy(() -> confirm(code)).isInstanceOf(InvalidCodeException.class);
        assertThat(audited(Outcome.DENIED)).hasSize(deniedSoFar).first().satisfies(e -> {
            assertThat(e.actorId()).isNull();
            assertThat(e.subjectId()).isNull();
            assertThat(e.clientAddress()).isEqualTo("192.0.2.67");
            assertThat(e.detail()).isEqualTo("invalid, expired or used code");
        });
    }

    @Test
    void aWrongCodeIsRefusedAndAuditedAsDenied() {
        assertRefusedAndAuditedAsDenied("not-a-code", 1);

        assertThat(confirmed(annId)).isFalse();
        assertThat(events.drain()).isEmpty();
    }

    @Test
    void aPasswordResetCodeIsNoConfirmationCode() {
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("bob@example.com",
                ClientAddress.unknown()));
        String resetCode = fixture.lastCode(MailKind.PASSWORD_RESET, "bob@example.com").orElseThrow();

        assertRefusedAndAuditedAsDenied(resetCode, 1);

        assertThat(confirmed(bobId)).isFalse();
    }

    @Test
    void anExpiredCodeIsRefused() {
        fixture.clock.advance(CoreSettings.defaults().confirmationCodeTtl());

        assertRefusedAndAuditedAsDenied(annsCode, 1);

        assertThat(confirmed(annId)).isFalse();
    }

    @Test
    void theRightCodeConfirmsThatUserAloneWithOneEventAndAnAuditRecord() {
        User confirmedAnn = confirm(annsCode);

        assertThat(confirmedAnn.id()).isEqualTo(annId);
        assertThat(confirmedAnn.confirmed()).isTrue();
        assertThat(confirmed(annId)).isTrue();
        assertThat(confirmed(bobId)).isFalse();
        assertThat(events.drain()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(WebhookEventType.USER_CONFIRMED);
            assertThat(e.userId()).isEqualTo(annId);
            assertThat(e.payload()).contains("ann@example.com").contains("\"confirmed\":true");
        });
        assertThat(audited(Outcome.SUCCESS)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(annId);
            assertThat(e.subjectId()).isEqualTo(annId);
            assertThat(e.clientAddress()).isEqualTo("192.0.2.67");
            assertThat(e.detail()).isNull();
        });
    }

    @Test
    void aUsedCodeCannotBeReplayed() {
        confirm(annsCode);
        events.drain();

        assertRefusedAndAuditedAsDenied(annsCode, 1);

        assertThat(events.drain()).isEmpty();
        assertThat(audited(Outcome.SUCCESS)).hasSize(1);
    }

    @Test
    void aCodeForAUserAlreadyConfirmedIsAcceptedWithoutASecondEvent() {
        confirm(annsCode);
        events.drain();
        fixture.state.codes().save(new SingleUseCode(Digests.sha256("second-code"), CodePurpose.CONFIRM_EMAIL, annId,
                fixture.clock.instant(), fixture.clock.instant().plus(Duration.ofHours(1))));

        User again = confirm("second-code");

        assertThat(again.confirmed()).isTrue();
        assertThat(events.drain()).isEmpty();
        assertThat(audited(Outcome.SUCCESS)).hasSize(2);
    }

    @Test
    void aCodeWhoseUserIsGoneIsRefused() {
        fixture.state.codes().save(new SingleUseCode(Digests.sha256("orphan-code"), CodePurpose.CONFIRM_EMAIL, 999_999L,
                fixture.clock.instant(), fixture.clock.instant().plus(Duration.ofHours(1))));

        assertThatThrownBy(() -> confirm("orphan-code")).isInstanceOf(InvalidCodeException.class);

        assertThat(audited(Outcome.SUCCESS)).isEmpty();
        assertThat(events.drain()).isEmpty();
    }
}
