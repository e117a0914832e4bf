package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.port.in.RevokeSigningKeyUseCase;
import io.userservice.core.settings.CoreSettings;
import org.junit.jupiter.api.Test;

class SigningKeyServiceTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void rotationIsAuditedAndTheNewKeyIsActive() {
        String oldKid = fixture.core.listSigningKeys().list().get(0).keyId();
        fixture.clock.advance(java.time.Duration.ofSeconds(1));

        SigningKeyStatus created = fixture.core.rotateSigningKey().rotate(Actor.commandLine());

        assertThat(created.active()).isTrue();
        assertThat(fixture.core.listSigningKeys().list()).extracting(SigningKeyStatus::keyId)
                .containsExactly(oldKid, created.keyId());
        AuditEvent event = fixture.state.auditLog().newest(null, 1).get(0).event();
        assertThat(event.action()).isEqualTo(AuditAction.KEY_ROTATION.storedForm());
        assertThat(event.clientAddress()).as("a rotation has no client address").isNull();
        assertThat(event.detail()).contains(created.keyId(), oldKid, "by command line").doesNotContain("\"d\"");
    }

    @Test
    void theActorOfARotationOrRevocationIsTheCommandLineAndNeverAClientAddress() {
        fixture.core.rotateSigningKey().rotate(Actor.commandLine());
        AuditEvent rotation = fixture.state.auditLog().newest(null, 1).get(0).event();
        String kid = fixture.core.listSigningKeys().list().get(0).keyId();
        fixture.core.revokeSigningKey().revoke(new RevokeSigningKeyUseCase.Command(kid, Actor.commandLine()));
        AuditEvent revocation = fixture.state.auditLog().newest(null, 1).get(0).event();

        for (AuditEvent event : new AuditEvent[] {rotation, revocation}) {
            assertThat(event.actorId()).as("no user acted").isNull();
            assertThat(event.detail()).as("the actor, in its stored form").endsWith("; by command line");
            assertThat(event.clientAddress()).isNull();
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        }
        assertThat(revocation.action()).isEqualTo(AuditAction.KEY_REVOCATION.storedForm());
        assertThat(revocation.detail()).isEqualTo("revoked key " + kid + "; by command line");
    }

    @Test
    void theRetentionCoversTheLongestTokenTheServiceIssues() {
        assertThat(UserServiceCore.longestTokenLifetime(CoreSettings.defaults())).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(UserServiceCore.longestTokenLifetime(CoreSettings.defaults()
                .withPortalTokenMaxLifetime(java.time.Duration.ofDays(1)))).isEqualTo(java.time.Duration.ofDays(1));
    }
}
