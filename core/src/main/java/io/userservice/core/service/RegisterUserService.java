package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.TooBusyException;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.ServiceObserver.RegistrationOutcome;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;


final class RegisterUserService implements RegisterUserUseCase {

    private final Users users;
    private final PasswordHasher hasher;
    private final CodeMails mails;
    private final Clock clock;
    private final CoreSettings settings;
    private final Throttling throttling;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;
    private final ServiceObserver observer;

    RegisterUserService(Users users, PasswordHasher hasher, CodeMails mails, Clock clock,
                        CoreSettings settings, Throttling throttling, AuditTrail audit,
                        Transactions transactions, WebhookEvents events, ServiceObserver observer) {
        this.transactions = transactions;
        this.events = events;
        this.observer = observer;
        this.throttling = throttling;
        this.audit = audit;
        this.users = users;
        this.hasher = hasher;
        this.mails = mails;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public User register(Command command) {
        try {
            User user = registered(command);
            observer.registration(RegistrationOutcome.SUCCESS);
            return user;
        } catch (TooManyRequestsException | TooBusyException e) {
            observer.registration(RegistrationOutcome.THROTTLED);
            throw e;
        } catch (UserServiceException e) {
            observer.registration(RegistrationOutcome.REJECTED);
            throw e;
        }
    }

    private User registered(Command command) {
        users.require(DirectoryCapability.REGISTER, "registration");
        throttling.registration(command.clientAddress());
        settings.passwordPolicy().check(command.password());
        String hash = hasher.hash(command.password());
        Instant now = clock.instant();
        boolean confirmed = !settings.requireConfirmation();
        User user = transactions.inTransaction(() -> {
            User created = users.withState(users.directory().register(new NewDirectoryUser(UUID.randomUUID(),
                    command.email(), hash, command.firstname(), command.lastname(), command.language(), confirmed,
                    now)));
            events.emit(WebhookEventType.USER_CREATED, created.id(), WebhookEvents.fields("email",
                    created.email().value(), "firstname", created.firstname(), "lastname", created.lastname(),
                    "language", created.language(), "confirmed", created.confirmed()));
            return created;
        });
        audit.self(AuditAction.REGISTRATION, user.id(), command.clientAddress(), Outcome.SUCCESS,
                confirmed ? "confirmed at once" : "confirmation code sent");
        if (!confirmed) {
            mails.queue(user, MailKind.EMAIL_CONFIRMATION, CodePurpose.CONFIRM_EMAIL, settings.confirmationCodeTtl());
        }
        return user;
    }
}
