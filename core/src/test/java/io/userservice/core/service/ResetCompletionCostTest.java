package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.settings.CoreSettings;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Completing a reset with a code that does not work never costs a password hash. */
class ResetCompletionCostTest {

    private final AtomicInteger hashes = new AtomicInteger();
    private final RecordingUserNotifier notifier = new RecordingUserNotifier();
    private final PasswordHasher counting = new PasswordHasher() {
        private final BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(4);

        @Override
        public String hash(String password) {
            hashes.incrementAndGet();
            return bcrypt.hash(password);
        }

        @Override
        public boolean verify(String password, String hash) {
            return bcrypt.verify(password, hash);
        }

        @Override
        public boolean needsRehash(String hash) {
            return false;
        }
    };
    private final UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
            InMemoryServiceState.create(), notifier).clock(MutableClock.atSomeMoment()).passwordHasher(counting).build();

    private void complete(String code) {
        core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code, "a brand new password", ClientAddress.unknown()));
    }

    @Test
    void anUnknownOrUsedCodeIsRefusedBeforeAnyHashing() {
        core.register().register(RegisterUserUseCase.Command.of("jane@example.com", CoreFixture.PASSWORD, null, null,
                null, ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(
                notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "jane@example.com").orElseThrow(), ClientAddress.unknown()));
        core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("jane@example.com", ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        String code = notifier.lastCode(MailKind.PASSWORD_RESET, "jane@example.com").orElseThrow();
        int before = hashes.get();

        for (int i = 0; i < 5; i++) {
            String guess = "guessed-code-" + i;
            assertThatThrownBy(() -> complete(guess)).isInstanceOf(InvalidCodeException.class);
        }
        assertThat(hashes.get()).isEqualTo(before);

        complete(code);
        assertThat(hashes.get()).isEqualTo(before + 1);
        assertThatThrownBy(() -> complete(code)).isInstanceOf(InvalidCodeException.class);
        assertThat(hashes.get()).isEqualTo(before + 1);
    }
}
