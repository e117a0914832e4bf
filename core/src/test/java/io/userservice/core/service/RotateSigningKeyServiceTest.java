package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.SigningKeyStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rotation's audit record names the new key and only the key it retired: keys retired by earlier
 * rotations are not retired again. The rotation answers with the status of the new, active key.
 */
class RotateSigningKeyServiceTest {

    private final CoreFixture fixture = new CoreFixture();

    private List<String> rotationDetails() {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.KEY_ROTATION.storedForm())).map(e -> e.detail()).toList();
    }

    @Test
    void aSecondRotationRetiresOnlyTheKeyTheFirstOneMade() {
        String first = fixture.core.listSigningKeys().list().get(0).keyId();
        fixture.clock.advance(Duration.ofSeconds(1));
        SigningKeyStatus second = fixture.core.rotateSigningKey().rotate(Actor.commandLine());
        fixture.clock.advance(Duration.ofSeconds(1));
        SigningKeyStatus third = fixture.core.rotateSigningKey().rotate(Actor.commandLine());

        assertThat(rotationDetails()).containsExactly(
                "new key " + third.keyId() + "; retired " + second.keyId() + "; by command line",
                "new key " + second.keyId() + "; retired " + first + "; by command line");
        assertThat(third.active()).isTrue();
        assertThat(third.retiredAt()).isNull();
        assertThat(fixture.core.listSigningKeys().list()).filteredOn(SigningKeyStatus::active)
                .extracting(SigningKeyStatus::keyId).containsExactly(third.keyId());
    }
}
