package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.PortalSession;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.PortalSessionPort;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PortalSessionPort} must do. */
public abstract class PortalSessionContract {

    private PortalSessionPort sessions;
    private long ann;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        ServiceState stores = newState();
        sessions = stores.portalSessions();
        ann = aUserId();
    }

    @Test
    void aSessionKeepsHowTheUserSignedInAndAnUnknownMethodStaysUnknown() {
        sessions.create(new PortalSession("passkey", ann, T0, T0.plusSeconds(3600), 2, "pop user"));
        sessions.create(new PortalSession("unknown", ann, T0, T0.plusSeconds(3600), 2));

        assertThat(sessions.find("passkey").orElseThrow().amr()).isEqualTo("pop user");
        assertThat(sessions.find("passkey").orElseThrow().epoch()).isEqualTo(2);
        assertThat(sessions.find("unknown").orElseThrow().amr()).isNull();
    }

    @Test
    void aCreatedSessionIsFoundWithEveryField() {
        PortalSession session = new PortalSession("hash-1", ann, T0, T0.plus(12, ChronoUnit.HOURS));

        sessions.create(session);

        PortalSession found = sessions.find("hash-1").orElseThrow();
        assertThat(found.userId()).isEqualTo(ann);
        assertThat(found.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0.truncatedTo(ChronoUnit.MILLIS));
        assertThat(found.expiresAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0.plus(12, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
        assertThat(sessions.find("HASH-1")).isEmpty();
        assertThat(sessions.find("unknown")).isEmpty();
    }

    @Test
    void anEndedSessionIsGoneAndOthersStay() {
        sessions.create(new PortalSession("ends", ann, T0, T0.plusSeconds(3600)));
        sessions.create(new PortalSession("stays", ann, T0, T0.plusSeconds(3600)));

        sessions.end("ends", T0.plusSeconds(10));
        sessions.end("ends", T0.plusSeconds(20));
        sessions.end("never-existed", T0.plusSeconds(20));

        assertThat(sessions.find("ends")).isEmpty();
        assertThat(sessions.find("stays")).isPresent();
    }

    @Test
    void purgingDeletesOnlyTheSessionsExpiredBeforeTheCutoff() {
        sessions.create(new PortalSession("expired", ann, T0, T0.plusSeconds(60)));
        sessions.create(new PortalSession("live", ann, T0, T0.plusSeconds(3600)));

        assertThat(sessions.deleteExpiredBefore(T0.plusSeconds(61))).isEqualTo(1);

        assertThat(sessions.find("expired")).isEmpty();
        assertThat(sessions.find("live")).isPresent();
        assertThat(sessions.deleteExpiredBefore(T0.plusSeconds(61))).isZero();
    }

    @Test
    void racingPurgesDeleteEachSessionOnce() {
        for (int i = 0; i < 30; i++) {
            sessions.create(new PortalSession("expired-" + i, ann, T0, T0.plusSeconds(i)));
            sessions.create(new PortalSession("live-" + i, ann, T0, T0.plusSeconds(3600 + i)));
        }

        List<Race.Outcome<Integer>> outcomes = Race.run(Race.RACERS,
                i -> sessions.deleteExpiredBefore(T0.plusSeconds(1800)));

        assertThat(outcomes).allMatch(outcome -> outcome.failure() == null);
        assertThat(outcomes.stream().mapToInt(Race.Outcome::value).sum()).isEqualTo(30);
        assertThat(sessions.find("live-29")).isPresent();
    }
}
