package io.userservice.core.contract;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.User;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import java.util.Optional;

/** The core over the directory and state under test, with a notifier that keeps the codes it delivers. */
final class CoreOnStores {

    static final String PASSWORD = "correct horse battery";

    final RecordingUserNotifier notifier = new RecordingUserNotifier();
    final ServiceState state;
    final UserServiceCore core;

    CoreOnStores(CoreSettings settings, DirectoryFactory directory, ServiceState state) {
        this.state = state;
        this.core = UserServiceCore.builder(settings, directory, state, notifier).bcryptCost(4).build();
    }

    Optional<String> lastCode(MailKind kind, String email) {
        core.mailDispatcher().deliverDue();
        return notifier.lastCode(kind, email);
    }

    User aConfirmedUser(String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, PASSWORD, null, null, null,
                ClientAddress.unknown()));
        String code = lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow();
        return core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));
    }

    LogInUseCase.Result aSignedInUser(String email) {
        aConfirmedUser(email);
        return core.logIn().logIn(new LogInUseCase.Command(email, PASSWORD, ClientAddress.unknown()));
    }
}
