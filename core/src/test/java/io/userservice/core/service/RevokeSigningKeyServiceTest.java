package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.port.in.RevokeSigningKeyUseCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Revoking a signing key answers whether a key was revoked: yes once for a stored key, no for an
 * unknown key and for a key revoked already; each answer is audited, a refusal as denied.
 */
class RevokeSigningKeyServiceTest {

    private final CoreFixture fixture = new CoreFixture();

    private boolean revoke(String keyId) {
        return fixture.core.revokeSigningKey().revoke(new RevokeSigningKeyUseCase.Command(keyId, Actor.commandLine()));
    }

    private List<AuditEvent> revocations() {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.KEY_REVOCATION.storedForm())).toList();
    }

    @Test
    void anUnknownKeyIsNotRevokedAndTheAttemptIsAuditedAsDenied() {
        assertThat(revoke("no-such-kid")).isFalse();

        AuditEvent denied = revocations().get(0);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.detail()).isEqualTo("no such unrevoked key no-such-kid; by command line");
        assertThat(denied.actorId()).isNull();
        assertThat(denied.subjectId()).isNull();
        assertThat(denied.clientAddress()).isNull();
    }

    @Test
    void aKeyIsRevokedOnceAndASecondRevocationIsRefused() {
        String kid = fixture.core.listSigningKeys().list().get(0).keyId();

        assertThat(revoke(kid)).isTrue();
        assertThat(revoke(kid)).isFalse();

        assertThat(revocations()).extracting(AuditEvent::outcome, AuditEvent::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Outcome.DENIED.storedForm(),
                        "no such unrevoked key " + kid + "; by command line"),
                org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS.storedForm(),
                        "revoked key " + kid + "; by command line"));
        SigningKeyStatus revoked = fixture.core.listSigningKeys().list().stream()
                .filter(k -> k.keyId().equals(kid)).findFirst().orElseThrow();
        assertThat(revoked.revokedAt()).isNotNull();
        assertThat(revoked.published()).isFalse();
    }
}
