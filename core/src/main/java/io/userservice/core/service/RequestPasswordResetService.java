package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.settings.CoreSettings;
import java.util.Optional;

final class RequestPasswordResetService implements RequestPasswordResetUseCase {

    private final Users users;
    private final CodeMails mails;
    private final CoreSettings settings;
    private final Throttling throttling;
    private final AuditTrail audit;

    RequestPasswordResetService(Users users, CodeMails mails, CoreSettings settings, Throttling throttling,
                                AuditTrail audit) {
        this.throttling = throttling;
        this.audit = audit;
        this.users = users;
        this.mails = mails;
        this.settings = settings;
    }

    @Override
    public void request(Command command) {
        users.require(DirectoryCapability.RESET_PASSWORD, "password");
        if (!throttling.resetRequest(command.email(), command.clientAddress())) {
            return;
        }
        Optional<User> user = Email.parse(command.email()).flatMap(users::byEmail);
        if (user.isEmpty()) {
            audit.record(AuditAction.RESET_REQUESTED, Actor.unknown(), null, command.clientAddress(), Outcome.DENIED,
                    "no such account");
            return;
        }
        audit.self(AuditAction.RESET_REQUESTED, user.get().id(), command.clientAddress(), Outcome.SUCCESS, null);
        mails.queue(user.get(), MailKind.PASSWORD_RESET, CodePurpose.RESET_PASSWORD, settings.resetCodeTtl());
    }

}
