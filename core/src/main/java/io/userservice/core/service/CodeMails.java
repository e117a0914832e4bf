package io.userservice.core.service;

import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.MailOutboxPort;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.settings.OutboxSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes a single-use code and queues the mail that carries it, in one atomic step of the outbox;
 * the outbox's dispatcher sends it later, so no caller waits for a mail server. The code is
 * sealed for its mail before it is stored (when a key-encryption key is configured), so the
 * outbox never holds it in plain text. Over the recipient's limit, neither the code nor the mail
 * is stored; the caller answers as usual.
 */
final class CodeMails {

    private static final System.Logger LOG = System.getLogger(CodeMails.class.getName());

    private final MailOutboxPort outbox;
    private final SecretGenerator secrets;
    private final OutboxCodeSealer sealer;
    private final Clock clock;
    private final MailOutboxPort.SendLimit limit;

    CodeMails(MailOutboxPort outbox, SecretGenerator secrets, OutboxCodeSealer sealer, Clock clock,
              OutboxSettings settings) {
        this.outbox = outbox;
        this.secrets = secrets;
        this.sealer = sealer;
        this.clock = clock;
        this.limit = settings.sendLimit();
    }

    /** Queues the mail of this kind with a new code for this purpose, valid for {@code ttl}. */
    void queue(User user, MailKind kind, CodePurpose purpose, Duration ttl) {
        Instant now = clock.instant();
        String code = secrets.newSecret();
        SingleUseCode stored = new SingleUseCode(Digests.sha256(code), purpose, user.id(), now, now.plus(ttl));
        String messageKey = secrets.newSecret();
        NewOutboxMail mail = NewOutboxMail.to(user, kind, sealer.sealCode(messageKey, code), messageKey, now);
        if (outbox.queueWithCode(stored, mail, limit).isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "not queued: the " + kind + " mail to user " + user.id()
                    + " (at most " + limit.maxMails() + " mails per recipient per " + limit.window() + ")");
        }
    }

    /**
     * Queues the mail of this kind, carrying {@code code}, to {@code recipient} rather than the
     * user's own address; {@code stored} is the code as it is kept. False when over the limit.
     */
    boolean queueTo(User user, io.userservice.core.domain.Email recipient, MailKind kind, SingleUseCode stored,
                    String code) {
        String messageKey = secrets.newSecret();
        NewOutboxMail mail = NewOutboxMail.to(user, recipient, kind, sealer.sealCode(messageKey, code), messageKey,
                clock.instant());
        if (outbox.queueWithCode(stored, mail, limit).isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "not queued: the " + kind + " mail to user " + user.id()
                    + " (at most " + limit.maxMails() + " mails per recipient per " + limit.window() + ")");
            return false;
        }
        return true;
    }
}
