package io.userservice.core.service;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.MailOutboxPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.settings.OutboxSettings;
import java.time.Clock;

/**
 * Queues the notices that tell a user what was done to their account (a password or email
 * changed, two-factor authentication turned on or off, a recovery code used). They carry no code and no secret; the outbox's per-recipient limit applies to them.
 */
final class Notices {

    private static final System.Logger LOG = System.getLogger(Notices.class.getName());

    private final MailOutboxPort outbox;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final MailOutboxPort.SendLimit limit;

    Notices(MailOutboxPort outbox, SecretGenerator secrets, Clock clock, OutboxSettings settings) {
        this.outbox = outbox;
        this.secrets = secrets;
        this.clock = clock;
        this.limit = settings.sendLimit();
    }

    void passwordChanged(User user) {
        queue(user, user.email(), MailKind.PASSWORD_CHANGED_NOTICE);
    }

    /** Tells the old address that the account moved away from it. */
    void emailChanged(User user, Email oldEmail) {
        queue(user, oldEmail, MailKind.EMAIL_CHANGED_NOTICE);
    }

    /** Says two-factor authentication was turned on. */
    void mfaEnabled(User user) {
        queue(user, user.email(), MailKind.MFA_ENABLED_NOTICE);
    }

    /** Says two-factor authentication was turned off by the user. */
    void mfaDisabled(User user) {
        queue(user, user.email(), MailKind.MFA_DISABLED_NOTICE);
    }

    /** Says an administrator turned two-factor authentication off. */
    void mfaReset(User user) {
        queue(user, user.email(), MailKind.MFA_RESET_NOTICE);
    }

    /** Says a recovery code was used to sign in. */
    void recoveryCodeUsed(User user) {
        queue(user, user.email(), MailKind.RECOVERY_CODE_USED_NOTICE);
    }

    private void queue(User user, Email recipient, MailKind kind) {
        NewOutboxMail mail = NewOutboxMail.to(user, recipient, kind, null, secrets.newSecret(), clock.instant());
        if (outbox.queue(mail, limit).isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "not queued: the " + kind + " mail to user " + user.id()
                    + " (at most " + limit.maxMails() + " mails per recipient per " + limit.window() + ")");
        }
    }
}
