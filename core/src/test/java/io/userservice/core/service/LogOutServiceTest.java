package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.LogOutUseCase;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Logging out with a refresh token of at most 512 characters revokes its family, queues
 * {@code session.revoked} only when something was revoked, and audits how many tokens were; a
 * second logout with the same token revokes nothing and tells no webhook.
 */
class LogOutServiceTest {

    private static final AtomicInteger SECRETS = new AtomicInteger();

    /** Secrets of exactly 512 characters, the longest refresh token a logout looks up. */
    private final CoreFixture fixture = new CoreFixture(builder -> builder.secrets(
            () -> "r".repeat(504) + String.format("%08d", SECRETS.incrementAndGet())));
    private final QueuedWebhookEvents webhooks = QueuedWebhookEvents.of(fixture);
    private final LogInUseCase.Result ann = fixture.aSignedInUser("ann@example.com");

    private void logOut(String refreshToken) {
        fixture.core.logOut().logOut(new LogOutUseCase.Command(refreshToken, ClientAddress.of("192.0.2.3")));
    }

    private List<AuditEvent> logouts() {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.LOGOUT.storedForm())).toList();
    }

    @Test
    void aRefreshTokenOf512CharactersEndsItsSession() {
        String token = ann.tokens().refreshToken();
        assertThat(token).hasSize(512);
        webhooks.drain();

        logOut(token);

        assertThat(fixture.core.listSessions().list(Caller.user(ann.user().id()), ann.user().id())).isEmpty();
        assertThat(webhooks.drainTypes()).containsExactly(WebhookEventType.SESSION_REVOKED);
        assertThat(logouts()).extracting(AuditEvent::detail).singleElement().asString()
                .startsWith("revoked 1 token(s) of family ");
    }

    @Test
    void aSecondLogoutRevokesNothingAndTellsNoWebhook() {
        String token = ann.tokens().refreshToken();
        logOut(token);
        webhooks.drain();

        logOut(token);

        assertThat(webhooks.drainTypes()).isEmpty();
        assertThat(logouts()).extracting(AuditEvent::detail).first().asString()
                .startsWith("revoked 0 token(s) of family ");
    }

    @Test
    void aLongerOrEmptyTokenIsIgnored() {
        logOut(ann.tokens().refreshToken() + "x");
        logOut("");
        logOut(null);

        assertThat(fixture.core.listSessions().list(Caller.user(ann.user().id()), ann.user().id())).hasSize(1);
        assertThat(logouts()).isEmpty();
    }
}
