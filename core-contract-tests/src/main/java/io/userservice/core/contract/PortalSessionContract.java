package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.PortalSession;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.PortalSessionPort;
import java.time.temporal.ChronoUnit;
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
}
