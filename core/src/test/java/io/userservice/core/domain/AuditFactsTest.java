package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditFactsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aClientAddressIsGivenOrExplicitlyUnknown() {
        assertThat(ClientAddress.of(" 192.0.2.7 ").value()).contains("192.0.2.7");
        assertThat(ClientAddress.of("2001:db8::1").isKnown()).isTrue();
        assertThat(ClientAddress.unknown().isKnown()).isFalse();
        assertThat(ClientAddress.unknown().value()).isEmpty();
        assertThat(ClientAddress.of("192.0.2.7")).isEqualTo(ClientAddress.of("192.0.2.7"))
                .isNotEqualTo(ClientAddress.unknown());
    }

    @Test
    void aBlankMissingOrMalformedAddressIsRefusedRatherThanTakenForUnknown() {
        for (String bad : new String[] {null, "", "   ", "\t", "command line", "192.0.2.7\n10.0.0.1", "a\u0000b",
                "1".repeat(ClientAddress.MAX_LENGTH + 1)}) {
            assertThatThrownBy(() -> ClientAddress.of(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ClientAddress.of("1".repeat(ClientAddress.MAX_LENGTH)).isKnown()).isTrue();
    }

    @Test
    void actionsAndOutcomesKeepTheirStoredForms() {
        assertThat(AuditAction.SIGN_IN.storedForm()).isEqualTo("sign-in");
        assertThat(AuditAction.KEY_ROTATION.storedForm()).isEqualTo("key rotation");
        assertThat(AuditAction.PASSKEY_CLONED.storedForm()).isEqualTo("passkey cloned");
        assertThat(Outcome.SUCCESS.storedForm()).isEqualTo("success");
        assertThat(Outcome.DENIED.storedForm()).isEqualTo("denied");
        assertThat(Outcome.THROTTLED.storedForm()).isEqualTo("throttled");
    }

    @Test
    void aUserIsStoredAsTheActorIdAndANamedActorClosesTheDetail() {
        AuditEvent byUser = AuditEvent.of(NOW, AuditAction.ROLE_GRANTED, Actor.user(7), 9L,
                ClientAddress.of("192.0.2.7"), Outcome.SUCCESS, "admin", "req-1");
        assertThat(byUser).isEqualTo(new AuditEvent(NOW, "role granted", 7L, 9L, "192.0.2.7", "success", "admin",
                "req-1"));

        AuditEvent byCommandLine = AuditEvent.of(NOW, AuditAction.KEY_ROTATION, Actor.commandLine(), null,
                ClientAddress.unknown(), Outcome.SUCCESS, "new key k2", null);
        assertThat(byCommandLine).isEqualTo(new AuditEvent(NOW, "key rotation", null, null, null, "success",
                "new key k2; by command line", null));
        assertThat(AuditEvent.of(NOW, AuditAction.KEY_ROTATION, Actor.system(), null, ClientAddress.unknown(),
                Outcome.SUCCESS, null, null).detail()).isEqualTo("by system");

        AuditEvent byNobodyKnown = AuditEvent.of(NOW, AuditAction.SIGN_IN, Actor.unknown(), null,
                ClientAddress.unknown(), Outcome.DENIED, null, null);
        assertThat(byNobodyKnown.actorId()).isNull();
        assertThat(byNobodyKnown.detail()).isNull();
        assertThat(Actor.userOrUnknown(null)).isEqualTo(Actor.unknown());
        assertThat(Actor.userOrUnknown(7L)).isEqualTo(Actor.user(7));
    }
}
