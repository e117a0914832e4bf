package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.NewUser;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.SaveUserPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.port.out.UserNotifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

final class RegisterUserService implements RegisterUserUseCase {

    private final SaveUserPort users;
    private final SingleUseCodePort codes;
    private final PasswordHasher hasher;
    private final UserNotifier notifier;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final CoreSettings settings;
    private final Throttling throttling;
    private final AuditTrail audit;

    RegisterUserService(SaveUserPort users, SingleUseCodePort codes, PasswordHasher hasher, UserNotifier notifier,
                        SecretGenerator secrets, Clock clock, CoreSettings settings, Throttling throttling,
                        AuditTrail audit) {
        this.throttling = throttling;
        this.audit = audit;
        this.users = users;
        this.codes = codes;
        this.hasher = hasher;
        this.notifier = notifier;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public User register(Command command) {
        throttling.registration(command.clientAddress());
        settings.passwordPolicy().check(command.password());
        String hash = hasher.hash(command.password());
        Instant now = clock.instant();
        boolean confirmed = !settings.requireConfirmation();
        User user = users.create(new NewUser(UUID.randomUUID(), command.email(), hash, command.firstname(),
                command.lastname(), command.language(), 0,
                Set.of(), confirmed, now));
        audit.self(AuditEvent.REGISTRATION, user.id(), command.clientAddress(), AuditEvent.SUCCESS,
                confirmed ? "confirmed at once" : "confirmation code sent");
        if (!confirmed) {
            String code = secrets.newSecret();
            codes.save(new SingleUseCode(Digests.sha256(code), CodePurpose.CONFIRM_EMAIL, user.id(), now,
                    now.plus(settings.confirmationCodeTtl())));
            Notifications.send(() -> notifier.sendEmailConfirmation(user, code), "email confirmation", user);
        }
        return user;
    }
}
