package io.userservice.core.port.out.contract;

import static io.userservice.core.port.out.contract.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.CoreStores;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLogPort} must do. */
public abstract class AuditLogContract {

    private AuditLogPort audit;

    /** Fresh, empty stores; called before each test. */
    protected abstract CoreStores newStores();

    @BeforeEach
    void openStores() {
        audit = newStores().auditLog();
    }

    private static AuditEvent event(int second, String action) {
        return new AuditEvent(T0.plusSeconds(second), action, 1L, 2L, "192.0.2.7", AuditEvent.SUCCESS, "o'brien; --");
    }

    @Test
    void eventsComeBackNewestFirstWithEveryField() {
        audit.record(event(1, "first"));
        audit.record(event(2, "second"));

        List<AuditEvent> events = audit.newest(0, 10);

        assertThat(events).extracting(AuditEvent::action).containsExactly("second", "first");
        AuditEvent newest = events.get(0);
        assertThat(newest.at().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0.plusSeconds(2).truncatedTo(ChronoUnit.MILLIS));
        assertThat(newest.actorId()).isEqualTo(1L);
        assertThat(newest.subjectId()).isEqualTo(2L);
        assertThat(newest.clientAddress()).isEqualTo("192.0.2.7");
        assertThat(newest.outcome()).isEqualTo(AuditEvent.SUCCESS);
        assertThat(newest.detail()).isEqualTo("o'brien; --");
    }

    @Test
    void unknownPartiesAreKeptAsNull() {
        audit.record(new AuditEvent(T0, "role granted", null, null, null, AuditEvent.DENIED, null));

        AuditEvent stored = audit.newest(0, 1).get(0);
        assertThat(stored.actorId()).isNull();
        assertThat(stored.subjectId()).isNull();
        assertThat(stored.clientAddress()).isNull();
        assertThat(stored.detail()).isNull();
    }

    @Test
    void pagesSkipAndBound() {
        for (int i = 0; i < 5; i++) {
            audit.record(event(i, "event " + i));
        }

        assertThat(audit.newest(1, 2)).extracting(AuditEvent::action).containsExactly("event 3", "event 2");
        assertThat(audit.newest(4, 10)).extracting(AuditEvent::action).containsExactly("event 0");
        assertThat(audit.newest(5, 10)).isEmpty();
    }
}
