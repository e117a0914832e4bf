package io.userservice.core.service;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


/** Every secret the core handles, collected through a whole life cycle, and none of them in the log. */
class NoSecretsInLogsTest {

    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            lines.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");
    private Level previous;

    @BeforeEach
    void capture() {
        previous = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void release() {
        root.removeHandler(capture);
        root.setLevel(previous);
    }

    @Test
    void noPasswordTokenOrCodeIsLogged() {
        CoreFixture fixture = new CoreFixture(CoreSettings.defaults().withRefreshReuseGrace(Duration.ZERO));
        List<String> secrets = new ArrayList<>(List.of(CoreFixture.PASSWORD, "a brand new password"));
        User admin = fixture.aConfirmedUser("admin@example.com");
        fixture.state.accounts().grant(admin.id(), Role.ADMIN);
        LogInUseCase.Result session = fixture.aSignedInUser("ada@example.com");
        secrets.add(fixture.lastCode(MailKind.EMAIL_CONFIRMATION, "ada@example.com").orElseThrow());
        secrets.add(session.tokens().accessToken());
        secrets.add(session.tokens().refreshToken());
        var next = fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(session.tokens().refreshToken(), ClientAddress.unknown()));
        secrets.add(next.refreshToken());
        assertThatThrownBy(() -> fixture.core.refreshTokens().refresh(
                new RefreshTokensUseCase.Command(session.tokens().refreshToken(), ClientAddress.unknown())))
                .isInstanceOf(InvalidRefreshTokenException.class);
        secrets.add(fixture.core.impersonate().impersonate(new ImpersonateUseCase.Command(Caller.user(admin.id()), session.user().id(), null, ClientAddress.of("203.0.113.5"))).token());
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ada@example.com", ClientAddress.unknown()));
        String resetCode = fixture.lastCode(MailKind.PASSWORD_RESET, "ada@example.com").orElseThrow();
        secrets.add(resetCode);
        fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(resetCode,
                "a brand new password", ClientAddress.unknown()));
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.user(admin.id()), session.user().id(),
                false, ClientAddress.of("203.0.113.5")));
        fixture.core.rotateSigningKey().rotate(Actor.commandLine());

        assertThat(lines).anyMatch(line -> line.contains(AuditAction.REFRESH_REUSE.storedForm()));
        assertThat(lines).anyMatch(line -> line.contains(AuditAction.KEY_ROTATION.storedForm()));
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }
}
