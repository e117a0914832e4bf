package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.port.out.UserNotifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class RequestPasswordResetService implements RequestPasswordResetUseCase {

    private final LoadUserPort loadUsers;
    private final SingleUseCodePort codes;
    private final UserNotifier notifier;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final CoreSettings settings;
    private final Throttling throttling;
    private final AuditTrail audit;

    RequestPasswordResetService(LoadUserPort loadUsers, SingleUseCodePort codes, UserNotifier notifier,
                                SecretGenerator secrets, Clock clock, CoreSettings settings, Throttling throttling,
                                AuditTrail audit) {
        this.throttling = throttling;
        this.audit = audit;
        this.loadUsers = loadUsers;
        this.codes = codes;
        this.notifier = notifier;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void request(Command command) {
        throttling.resetRequest(command.email(), command.clientAddress());
        Optional<User> user = Email.parse(command.email()).flatMap(loadUsers::findByEmail);
        if (user.isEmpty()) {
            audit.record(AuditEvent.RESET_REQUESTED, null, null, command.clientAddress(), AuditEvent.DENIED,
                    "no such account");
            return;
        }
        audit.self(AuditEvent.RESET_REQUESTED, user.get().id(), command.clientAddress(), AuditEvent.SUCCESS, null);
        Instant now = clock.instant();
        String code = secrets.newSecret();
        codes.save(new SingleUseCode(Digests.sha256(code), CodePurpose.RESET_PASSWORD, user.get().id(), now,
                now.plus(settings.resetCodeTtl())));
        Notifications.send(() -> notifier.sendPasswordReset(user.get(), code), "password reset", user.get());
    }

}
