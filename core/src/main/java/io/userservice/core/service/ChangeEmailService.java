package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.EmailChange;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.EmailChangePort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.SingleUseCodePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A new request replaces the user's earlier ones: their codes stop working. The address is
 * checked for being free here and again when the code is used, where the directory's unique
 * address decides.
 */
final class ChangeEmailService implements ChangeEmailUseCase {

    /** How long the code mailed to the new address works. */
    static final Duration CODE_TTL = Duration.ofHours(1);

    private final Users users;
    private final Credentials credentials;
    private final AccountOwners owners;
    private final SingleUseCodePort codes;
    private final EmailChangePort changes;
    private final CodeMails mails;
    private final SecretGenerator secrets;
    private final AuditTrail audit;
    private final Clock clock;

    ChangeEmailService(Users users, Credentials credentials, AccountOwners owners, SingleUseCodePort codes,
                       EmailChangePort changes, CodeMails mails, SecretGenerator secrets, AuditTrail audit,
                       Clock clock) {
        this.users = users;
        this.credentials = credentials;
        this.owners = owners;
        this.codes = codes;
        this.changes = changes;
        this.mails = mails;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void request(Command command) {
        ClientAddress address = command.clientAddress();
        owners.refuseImpersonation(AuditAction.EMAIL_CHANGE_REQUESTED, command.caller(), address, "change the email");
        users.require(DirectoryCapability.CHANGE_EMAIL, "email");
        if (command.newEmail() == null || command.newEmail().isBlank()) {
            throw new InvalidInputException("email_required", "newEmail", "The new email address is required.");
        }
        Email newEmail = Email.parse(command.newEmail()).orElseThrow(
                () -> new InvalidInputException("invalid_email", "newEmail", "The email address is not valid."));
        long userId = command.caller().userId();
        User user = credentials.reverify(userId, command.password(), address, AuditAction.EMAIL_CHANGE_REQUESTED);
        if (users.directory().findByEmail(newEmail).isPresent()) {
            audit.self(AuditAction.EMAIL_CHANGE_REQUESTED, userId, address, Outcome.DENIED, "address taken");
            throw new EmailAlreadyTakenException();
        }
        Instant now = clock.instant();
        codes.invalidateAll(userId, CodePurpose.CHANGE_EMAIL, now);
        String code = secrets.newSecret();
        String codeHash = Digests.sha256(code);
        changes.save(new EmailChange(codeHash, userId, newEmail, now.plus(CODE_TTL)));
        boolean queued = mails.queueTo(user, newEmail, MailKind.EMAIL_CHANGE,
                new SingleUseCode(codeHash, CodePurpose.CHANGE_EMAIL, userId, now, now.plus(CODE_TTL)), code);
        audit.self(AuditAction.EMAIL_CHANGE_REQUESTED, userId, address, Outcome.SUCCESS,
                queued ? "code mailed to the new address" : "not mailed: the address's mail limit is reached");
    }
}
