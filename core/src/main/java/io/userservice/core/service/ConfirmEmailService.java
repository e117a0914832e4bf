package io.userservice.core.service;

import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.SaveUserPort;
import io.userservice.core.port.out.SingleUseCodePort;
import java.time.Clock;
import java.time.Instant;

final class ConfirmEmailService implements ConfirmEmailUseCase {

    private final SingleUseCodePort codes;
    private final LoadUserPort loadUsers;
    private final SaveUserPort saveUsers;
    private final Clock clock;

    ConfirmEmailService(SingleUseCodePort codes, LoadUserPort loadUsers, SaveUserPort saveUsers, Clock clock) {
        this.codes = codes;
        this.loadUsers = loadUsers;
        this.saveUsers = saveUsers;
        this.clock = clock;
    }

    @Override
    public User confirm(Command command) {
        Instant now = clock.instant();
        long userId = codes.consume(Digests.sha256(command.code()), CodePurpose.CONFIRM_EMAIL, now)
                .orElseThrow(InvalidCodeException::new);
        saveUsers.markConfirmed(userId, now);
        return loadUsers.findById(userId).orElseThrow(InvalidCodeException::new);
    }
}
