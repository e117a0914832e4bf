package io.userservice.core.service;

import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.out.LoadUserPort;
import java.util.Optional;

final class RequestPasswordResetService implements RequestPasswordResetUseCase {

    private final LoadUserPort loadUsers;
    private final CodeMails mails;
    private final CoreSettings settings;

    RequestPasswordResetService(LoadUserPort loadUsers, CodeMails mails, CoreSettings settings) {
        this.loadUsers = loadUsers;
        this.mails = mails;
        this.settings = settings;
    }

    @Override
    public void request(Command command) {
        Optional<User> user = Email.parse(command.email()).flatMap(loadUsers::findByEmail);
        if (user.isEmpty()) {
            return;
        }
        mails.queue(user.get(), MailKind.PASSWORD_RESET, CodePurpose.RESET_PASSWORD, settings.resetCodeTtl());
    }

}
