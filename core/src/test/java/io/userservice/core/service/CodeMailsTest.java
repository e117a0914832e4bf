package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CapturedLog;
import io.userservice.core.CoreFixture;
import io.userservice.core.crypto.KeyEncryption;
import io.userservice.core.crypto.SecureRandomSecretGenerator;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.domain.User;
import io.userservice.core.settings.OutboxSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A mail with a code is queued together with its code, within the recipient's mail limit; over
 * it, neither is stored, the caller learns so ({@code queueTo} answers false), and a warning
 * names the kind and the user but no address.
 */
class CodeMailsTest {

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final CodeMails mails = new CodeMails(fixture.state.mailOutbox(), new SecureRandomSecretGenerator(),
            KeyEncryption.none(), fixture.clock, OutboxSettings.defaults().withRecipientLimit(2));

    private SingleUseCode code(String plain) {
        Instant now = fixture.clock.instant();
        return new SingleUseCode(Digests.sha256(plain), CodePurpose.CHANGE_EMAIL, ann.id(), now,
                now.plus(Duration.ofHours(1)));
    }

    private boolean usable(String plain) {
        return fixture.state.codes().isUsable(Digests.sha256(plain), CodePurpose.CHANGE_EMAIL,
                fixture.clock.instant());
    }

    @Test
    void aMailWithinTheLimitIsQueuedWithItsCodeAndNoWarning() {
        try (CapturedLog log = CapturedLog.of(CodeMails.class)) {
            mails.queue(ann, MailKind.PASSWORD_RESET, CodePurpose.RESET_PASSWORD, Duration.ofMinutes(30));

            assertThat(log.at(Level.WARNING)).isEmpty();
        }

        String sent = fixture.lastCode(MailKind.PASSWORD_RESET, "ann@example.com").orElseThrow();
        assertThat(fixture.state.codes().isUsable(Digests.sha256(sent), CodePurpose.RESET_PASSWORD,
                fixture.clock.instant())).isTrue();
    }

    @Test
    void aMailOverTheLimitIsNotQueuedAndIsLoggedWithoutTheAddress() {
        mails.queue(ann, MailKind.PASSWORD_RESET, CodePurpose.RESET_PASSWORD, Duration.ofMinutes(30));
        fixture.lastCode(MailKind.PASSWORD_RESET, "ann@example.com");
        int sentBefore = fixture.sent().size();

        try (CapturedLog log = CapturedLog.of(CodeMails.class)) {
            mails.queue(ann, MailKind.PASSWORD_RESET, CodePurpose.RESET_PASSWORD, Duration.ofMinutes(30));

            assertThat(log.at(Level.WARNING)).singleElement().asString()
                    .contains("PASSWORD_RESET").contains("user " + ann.id()).doesNotContain("ann@example.com");
        }
        assertThat(fixture.sent()).hasSize(sentBefore);
    }

    @Test
    void aCodeForAnotherAddressIsQueuedWithinItsLimitAndRefusedOverIt() {
        Email other = Email.of("new@example.com");

        try (CapturedLog log = CapturedLog.of(CodeMails.class)) {
            assertThat(mails.queueTo(ann, other, MailKind.EMAIL_CHANGE, code("first"), "first")).isTrue();
            assertThat(mails.queueTo(ann, other, MailKind.EMAIL_CHANGE, code("second"), "second")).isTrue();
            assertThat(log.at(Level.WARNING)).isEmpty();

            assertThat(mails.queueTo(ann, other, MailKind.EMAIL_CHANGE, code("third"), "third")).isFalse();
            assertThat(log.at(Level.WARNING)).singleElement().asString()
                    .contains("EMAIL_CHANGE").doesNotContain("new@example.com");
        }

        assertThat(usable("first")).isTrue();
        assertThat(usable("second")).isTrue();
        assertThat(usable("third")).isFalse();
        assertThat(fixture.lastCode(MailKind.EMAIL_CHANGE, "new@example.com")).contains("second");
    }
}
