package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CapturedLog;
import io.userservice.core.CoreFixture;
import io.userservice.core.crypto.SecureRandomSecretGenerator;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.User;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.settings.OutboxSettings;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The notices about an account go to the user's address (an email change's to the old one),
 * carry no code, count against the recipient's mail limit, and one held back by the limit is
 * logged as a warning that names the kind and the user but no address.
 */
class NoticesTest {

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final Notices notices = new Notices(fixture.state.mailOutbox(), new SecureRandomSecretGenerator(),
            fixture.clock, OutboxSettings.defaults().withRecipientLimit(3));

    @Test
    void eachNoticeGoesToTheUsersAddressWithoutACode() {
        try (CapturedLog log = CapturedLog.of(Notices.class)) {
            notices.passwordChanged(ann);
            notices.emailChanged(ann, Email.of("old@example.com"));
            notices.mfaEnabled(ann);

            assertThat(log.at(Level.WARNING)).isEmpty();
        }

        assertThat(fixture.sent()).filteredOn(n -> n.kind() != MailKind.EMAIL_CONFIRMATION)
                .extracting(n -> n.kind() + " " + n.email() + " " + n.code())
                .containsExactly("PASSWORD_CHANGED_NOTICE ann@example.com null",
                        "EMAIL_CHANGED_NOTICE old@example.com null", "MFA_ENABLED_NOTICE ann@example.com null");
    }

    @Test
    void aNoticeOverTheRecipientsLimitIsNotQueuedAndIsLoggedWithoutTheAddress() {
        notices.mfaDisabled(ann);

        try (CapturedLog log = CapturedLog.of(Notices.class)) {
            notices.mfaReset(ann);
            notices.recoveryCodeUsed(ann);

            assertThat(log.at(Level.WARNING)).singleElement().asString()
                    .contains("RECOVERY_CODE_USED_NOTICE").contains("user " + ann.id())
                    .doesNotContain("ann@example.com");
        }

        assertThat(fixture.sent()).filteredOn(n -> n.email().equals("ann@example.com"))
                .extracting(RecordingUserNotifier.Notification::kind)
                .containsExactly(MailKind.EMAIL_CONFIRMATION, MailKind.MFA_DISABLED_NOTICE,
                        MailKind.MFA_RESET_NOTICE);
    }
}
