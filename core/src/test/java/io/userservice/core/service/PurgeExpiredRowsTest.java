package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.PortalSession;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.port.in.PurgeExpiredRowsUseCase.Purged;
import io.userservice.core.port.out.SigningKeyPort.StoredKey;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a purge deletes, and the margins it keeps past each row's end. */
class PurgeExpiredRowsTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void deletesWhatExpiredAndKeepsWhatStillMatters() {
        Instant now = fixture.clock.instant();
        long userId = fixture.aConfirmedUser("purge@example.com").id();
        var state = fixture.state;
        state.consumedTokens().consumeOnce("long-expired", now.minus(Duration.ofMinutes(11)));
        state.consumedTokens().consumeOnce("just-expired", now.minus(Duration.ofMinutes(9)));
        state.portalSessions().create(new PortalSession("ended", userId, now.minusSeconds(7200), now.minusSeconds(1)));
        state.portalSessions().create(new PortalSession("live", userId, now, now.plusSeconds(3600)));
        state.codes().save(new SingleUseCode("expired", CodePurpose.RESET_PASSWORD, userId, now.minusSeconds(7200),
                now.minusSeconds(1)));
        state.codes().save(new SingleUseCode("valid", CodePurpose.RESET_PASSWORD, userId, now, now.plusSeconds(60)));
        Duration longest = UserServiceCore.longestTokenLifetime(CoreSettings.defaults());
        state.signingKeys().add(new StoredKey("long-retired", "RS256", "{}", now.minus(Duration.ofDays(400)),
                now.minus(longest).minus(Duration.ofDays(1)).minusSeconds(1), null));
        state.signingKeys().add(new StoredKey("recently-retired", "RS256", "{}", now.minus(Duration.ofDays(400)),
                now.minus(longest), null));
        int keysBefore = state.signingKeys().findAll().size();

        Purged purged = fixture.core.purgeExpiredRows().purge();

        assertThat(purged).as("the used confirmation code expires later").isEqualTo(new Purged(1, 1, 1, 1));
        assertThat(state.consumedTokens().consumeOnce("just-expired", now)).as("kept: clocks differ").isFalse();
        assertThat(state.consumedTokens().consumeOnce("long-expired", now)).isTrue();
        assertThat(state.portalSessions().find("live")).isPresent();
        assertThat(state.codes().isUsable("valid", CodePurpose.RESET_PASSWORD, now)).isTrue();
        assertThat(state.signingKeys().findAll()).hasSize(keysBefore - 1)
                .extracting(StoredKey::keyId).contains("recently-retired").doesNotContain("long-retired");
        assertThat(fixture.core.purgeExpiredRows().purge().total()).isZero();
    }
}
