package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.EndSessionsUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ending sessions: the owner or an administrator ends one session (only one of the named user's;
 * another user's session id is as unknown as a malformed or made-up one) or all of them (every
 * refresh-token family and, through the credential epoch, every access token). Each ending is
 * audited with what it revoked and told to webhooks.
 */
class EndSessionsServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.7");

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");
    private final LogInUseCase.Result annOnLaptop = logIn("ann@example.com");
    private final LogInUseCase.Result annOnPhone = logIn("ann@example.com");
    private final LogInUseCase.Result bobOnLaptop = logIn("bob@example.com");

    EndSessionsServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        QueuedWebhookEvents.of(fixture);
        events();
    }

    private LogInUseCase.Result logIn(String email) {
        return fixture.core.logIn().logIn(new LogInUseCase.Command(email, CoreFixture.PASSWORD, ADDRESS));
    }

    private void end(Caller caller, long userId, String sessionId) {
        fixture.core.endSessions().end(new EndSessionsUseCase.Command(caller, userId, sessionId, ADDRESS));
    }

    /** The id of the sign-in's session: the one last used, once its refresh token has been used a second later. */
    private UUID sessionOf(LogInUseCase.Result signIn) {
        long userId = signIn.user().id();
        fixture.clock.advance(Duration.ofSeconds(1));
        refresh(signIn.tokens().refreshToken());
        return fixture.core.listSessions().list(Caller.user(userId), userId).stream()
                .max(Comparator.comparing(Session::lastUsedAt)).orElseThrow().id();
    }

    private String refresh(String refreshToken) {
        return fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(refreshToken, ADDRESS))
                .refreshToken();
    }

    private void assertRevoked(String refreshToken) {
        assertThatThrownBy(() -> refresh(refreshToken)).isInstanceOf(InvalidRefreshTokenException.class);
    }

    private List<AuditEvent> audited(AuditAction action) {
        return fixture.audited(action);
    }

    private List<String> events() {
        return QueuedWebhookEvents.reading(fixture).drainSummaries();
    }

    @Test
    void aPlainUserCannotEndAnotherUsersSessions() {
        assertThatThrownBy(() -> end(Caller.user(bob.id()), ann.id(), null)).isInstanceOf(AccessDeniedException.class);

        assertThat(audited(AuditAction.SESSIONS_ENDED)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(bob.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        });
        assertThat(refresh(annOnLaptop.tokens().refreshToken())).isNotBlank();
        assertThat(events()).isEmpty();
    }

    @Test
    void anotherUsersSessionIdIsAsUnknownAsOneThatNeverExisted() {
        UUID annsSession = sessionOf(annOnLaptop);

        assertThatThrownBy(() -> end(Caller.user(bob.id()), bob.id(), annsSession.toString()))
                .isInstanceOf(NotFoundException.class).hasMessage("There is no such session.");
        assertThatThrownBy(() -> end(Caller.user(bob.id()), bob.id(), UUID.randomUUID().toString()))
                .isInstanceOf(NotFoundException.class).hasMessage("There is no such session.");

        assertThat(fixture.core.listSessions().list(Caller.user(ann.id()), ann.id())).extracting(Session::id)
                .contains(annsSession);
        assertThat(audited(AuditAction.SESSION_ENDED)).isEmpty();
        assertThat(events()).isEmpty();
    }

    @Test
    void aMalformedSessionIdIsUnknown() {
        for (String id : List.of("not-a-session", "1-1-1-1-1", "")) {
            assertThatThrownBy(() -> end(Caller.user(ann.id()), ann.id(), id))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(fixture.core.listSessions().list(Caller.user(ann.id()), ann.id())).hasSize(2);
    }

    @Test
    void theOwnerEndsOneSessionAndOnlyThatOne() {
        UUID laptop = sessionOf(annOnLaptop);

        end(Caller.user(ann.id()), ann.id(), laptop.toString().toUpperCase(Locale.ROOT));

        assertThat(fixture.core.listSessions().list(Caller.user(ann.id()), ann.id())).extracting(Session::id)
                .doesNotContain(laptop).hasSize(1);
        assertThat(refresh(annOnPhone.tokens().refreshToken())).isNotBlank();
        assertThat(audited(AuditAction.SESSION_ENDED)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
            assertThat(e.detail()).isEqualTo("session " + laptop);
        });
        assertThat(events()).containsExactly("session.revoked {\"id\":" + ann.id()
                + ",\"reason\":\"ended\",\"session\":\"" + laptop + "\"}}");

        assertThatThrownBy(() -> end(Caller.user(ann.id()), ann.id(), laptop.toString()))
                .as("an ended session is gone").isInstanceOf(NotFoundException.class);
        assertThat(events()).isEmpty();
    }

    @Test
    void theOwnerEndsAllTheirSessionsAndTheirAccessTokensStopWorking() {
        fixture.clock.advance(Duration.ofSeconds(1));

        end(Caller.user(ann.id()), ann.id(), null);

        assertRevoked(annOnLaptop.tokens().refreshToken());
        assertRevoked(annOnPhone.tokens().refreshToken());
        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(annOnPhone.tokens().accessToken()))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(refresh(bobOnLaptop.tokens().refreshToken())).isNotBlank();
        assertThat(audited(AuditAction.SESSIONS_ENDED)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.detail()).isEqualTo("revoked 2 refresh token(s)");
        });
        assertThat(events()).containsExactly("session.revoked {\"id\":" + ann.id()
                + ",\"reason\":\"signed_out\"}}");
    }

    @Test
    void anAdministratorEndsAnotherUsersSessionsUnderTheirOwnName() {
        UUID laptop = sessionOf(annOnLaptop);

        end(Caller.user(admin.id()), ann.id(), laptop.toString());
        end(Caller.user(admin.id()), ann.id(), null);

        assertThat(audited(AuditAction.SESSION_ENDED)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
        });
        assertThat(audited(AuditAction.SESSIONS_ENDED)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.detail()).isEqualTo("revoked 1 refresh token(s)");
        });
        assertRevoked(annOnPhone.tokens().refreshToken());
    }
}
