package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.SendPasswordResetUseCase;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.settings.CoreSettings;

final class SendPasswordResetService implements SendPasswordResetUseCase {

    private final Users users;
    private final Administrators administrators;
    private final CodeMails mails;
    private final CoreSettings settings;
    private final AuditTrail audit;

    SendPasswordResetService(Users users, Administrators administrators, CodeMails mails, CoreSettings settings,
                             AuditTrail audit) {
        this.users = users;
        this.administrators = administrators;
        this.mails = mails;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public void send(Caller caller, long userId, ClientAddress clientAddress) {
        administrators.require(AuditAction.RESET_REQUESTED, caller, userId, clientAddress, "caller is not an admin",
                "Sending a password reset needs role admin.");
        users.require(DirectoryCapability.RESET_PASSWORD, "password");
        User user = users.byId(userId).orElseThrow(() -> new NotFoundException("user_not_found",
                "There is no user with this id."));
        mails.queue(user, MailKind.PASSWORD_RESET, CodePurpose.RESET_PASSWORD, settings.resetCodeTtl());
        audit.record(AuditAction.RESET_REQUESTED, caller.auditActor(), userId, clientAddress, Outcome.SUCCESS,
                "sent by an administrator");
    }
}
