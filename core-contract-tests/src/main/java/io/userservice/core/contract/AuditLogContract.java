package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.ServiceState;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLogPort} must do. */
public abstract class AuditLogContract {

    private AuditLogPort audit;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        audit = newState().auditLog();
    }

    private static AuditEvent event(int second, String action) {
        return new AuditEvent(T0.plusSeconds(second), action, 1L, 2L, "192.0.2.7", Outcome.SUCCESS.storedForm(),
                "o'brien; --");
    }

    private static List<String> actions(List<AuditEntry> entries) {
        return entries.stream().map(e -> e.event().action()).toList();
    }

    @Test
    void eventsComeBackNewestFirstWithEveryField() {
        audit.record(event(1, "first"));
        audit.record(event(2, "second"));

        List<AuditEntry> entries = audit.newest(null, 10);

        assertThat(actions(entries)).containsExactly("second", "first");
        assertThat(entries.get(0).id()).isGreaterThan(entries.get(1).id());
        assertThat(entries.get(1).id()).isPositive();
        AuditEvent newest = entries.get(0).event();
        assertThat(newest.at().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0.plusSeconds(2).truncatedTo(ChronoUnit.MILLIS));
        assertThat(newest.actorId()).isEqualTo(1L);
        assertThat(newest.subjectId()).isEqualTo(2L);
        assertThat(newest.clientAddress()).isEqualTo("192.0.2.7");
        assertThat(newest.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(newest.detail()).isEqualTo("o'brien; --");
        assertThat(newest.requestId()).isNull();
    }

    @Test
    void theRequestIdIsKept() {
        String requestId = "req-" + "x".repeat(124);
        audit.record(new AuditEvent(T0, "sign-in", 1L, 1L, "192.0.2.7", Outcome.SUCCESS.storedForm(), null, requestId));

        assertThat(audit.newest(null, 1).get(0).event().requestId()).isEqualTo(requestId);
    }

    @Test
    void unknownPartiesAreKeptAsNull() {
        audit.record(new AuditEvent(T0, "role granted", null, null, null, Outcome.DENIED.storedForm(), null));

        AuditEvent stored = audit.newest(null, 1).get(0).event();
        assertThat(stored.actorId()).isNull();
        assertThat(stored.subjectId()).isNull();
        assertThat(stored.clientAddress()).isNull();
        assertThat(stored.detail()).isNull();
    }

    @Test
    void pagesFollowTheCursorAndAreBounded() {
        for (int i = 0; i < 5; i++) {
            audit.record(event(i, "event " + i));
        }

        List<AuditEntry> first = audit.newest(null, 2);
        List<AuditEntry> second = audit.newest(first.get(1).id(), 2);
        List<AuditEntry> third = audit.newest(second.get(1).id(), 2);

        assertThat(actions(first)).containsExactly("event 4", "event 3");
        assertThat(actions(second)).containsExactly("event 2", "event 1");
        assertThat(actions(third)).containsExactly("event 0");
        assertThat(audit.newest(third.get(0).id(), 10)).isEmpty();
    }

    @Test
    void pagesStayStableWhileNewEventsArrive() {
        for (int i = 0; i < 3; i++) {
            audit.record(event(i, "event " + i));
        }
        List<AuditEntry> first = audit.newest(null, 2);

        audit.record(event(10, "later"));

        assertThat(actions(audit.newest(first.get(1).id(), 10))).containsExactly("event 0");
        assertThat(actions(audit.newest(Long.MAX_VALUE, 1))).containsExactly("later");
    }
}
