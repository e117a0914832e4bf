package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CapturedLog;
import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Deactivating and reactivating users: only administrators (and the operator), never on
 * themselves, never on a user who does not exist. A deactivation revokes the user's refresh
 * tokens and says so (a session.revoked event only when there was a session to revoke, and a log
 * line with the count); each change is audited and told to webhooks.
 */
class DeactivateUserServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.7");

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    DeactivateUserServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        QueuedWebhookEvents.of(fixture);
        events();
    }

    private User setActive(Caller caller, long userId, boolean active) {
        return fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(caller, userId, active,
                ADDRESS));
    }

    private LogInUseCase.Result logIn(String email) {
        return fixture.core.logIn().logIn(new LogInUseCase.Command(email, CoreFixture.PASSWORD, ADDRESS));
    }

    private List<AuditEvent> audited(AuditAction action) {
        return fixture.audited(action);
    }

    private List<String> events() {
        return QueuedWebhookEvents.reading(fixture).drainSummaries();
    }

    @Test
    void aPlainUserCannotDeactivateAnother() {
        assertThatThrownBy(() -> setActive(Caller.user(bob.id()), ann.id(), false))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Deactivating users needs role admin.");

        assertThat(audited(AuditAction.USER_DEACTIVATED)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(bob.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.detail()).isEqualTo("caller lacks the role");
        });
        assertThat(logIn("ann@example.com").user().deactivated()).isFalse();
        assertThat(events()).isEmpty();
    }

    @Test
    void anAdministratorCannotDeactivateThemselves() {
        assertThatThrownBy(() -> setActive(Caller.user(admin.id()), admin.id(), false))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("cannot_deactivate_self"));

        assertThat(logIn("admin@example.com").user().deactivated()).isFalse();
    }

    @Test
    void aUserWhoDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> setActive(Caller.user(admin.id()), 9_999, false))
                .isInstanceOf(NotFoundException.class).hasMessage("There is no user with this id.")
                .satisfies(e -> assertThat(((UserServiceException) e).code()).isEqualTo("user_not_found"));

        assertThat(audited(AuditAction.USER_DEACTIVATED)).isEmpty();
        assertThat(events()).isEmpty();
    }

    @Test
    void deactivatingAUserWithoutSessionsRevokesNothingAndSaysNoSessionEnded() {
        try (CapturedLog log = CapturedLog.of(DeactivateUserService.class)) {
            User deactivated = setActive(Caller.user(admin.id()), ann.id(), false);

            assertThat(deactivated.id()).isEqualTo(ann.id());
            assertThat(deactivated.deactivated()).isTrue();
            assertThat(log.at(Level.INFO)).containsExactly("revoked 0 refresh token(s) of deactivated user "
                    + ann.id());
        }
        assertThat(events()).containsExactly("user.deactivated {\"id\":" + ann.id() + ",\"deactivated\":true}}");
        assertThat(audited(AuditAction.USER_DEACTIVATED)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
            assertThat(e.detail()).isNull();
        });
    }

    @Test
    void deactivatingRevokesEveryRefreshTokenOfTheUserAndSaysHowMany() {
        LogInUseCase.Result laptop = logIn("ann@example.com");
        LogInUseCase.Result phone = logIn("ann@example.com");
        LogInUseCase.Result bobs = logIn("bob@example.com");
        events();

        try (CapturedLog log = CapturedLog.of(DeactivateUserService.class)) {
            setActive(Caller.operator(), ann.id(), false);

            assertThat(log.at(Level.INFO)).containsExactly("revoked 2 refresh token(s) of deactivated user "
                    + ann.id());
        }
        for (LogInUseCase.Result signIn : List.of(laptop, phone)) {
            assertThatThrownBy(() -> fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(
                    signIn.tokens().refreshToken(), ADDRESS))).isInstanceOf(InvalidRefreshTokenException.class);
        }
        assertThat(fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(bobs.tokens().refreshToken(),
                ADDRESS)).refreshToken()).isNotBlank();
        assertThat(events()).containsExactly(
                "user.deactivated {\"id\":" + ann.id() + ",\"deactivated\":true}}",
                "session.revoked {\"id\":" + ann.id() + ",\"reason\":\"deactivated\"}}");
        assertThat(audited(AuditAction.USER_DEACTIVATED)).singleElement().extracting(AuditEvent::actorId).isNull();
    }

    @Test
    void reactivatingLetsTheUserSignInAgain() {
        setActive(Caller.user(admin.id()), ann.id(), false);
        events();

        User reactivated = setActive(Caller.user(admin.id()), ann.id(), true);

        assertThat(reactivated.deactivated()).isFalse();
        assertThat(logIn("ann@example.com").user().id()).isEqualTo(ann.id());
        assertThat(events()).containsExactly("user.activated {\"id\":" + ann.id() + ",\"deactivated\":false}}");
        assertThat(audited(AuditAction.USER_ACTIVATED)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        });
    }
}
