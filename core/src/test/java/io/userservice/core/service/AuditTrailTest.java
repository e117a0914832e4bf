package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.port.out.AuditLogPort;
import io.userservice.core.port.out.RequestIdSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every audit event is stored and also logged on {@code io.userservice.audit}: a success at INFO,
 * a refusal at WARNING, with its detail in parentheses only when it has one.
 */
class AuditTrailTest {

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final AuditLogPort log = InMemoryServiceState.create().auditLog();
    private final AuditTrail trail = new AuditTrail(log, clock, RequestIdSource.none());
    private final Logger logger = Logger.getLogger("io.userservice.audit");
    private final Level previous = logger.getLevel();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    {
        logger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }

    @Test
    void aSuccessIsLoggedAtInfoWithoutDetail() {
        trail.record(AuditAction.LOGOUT, Actor.user(7), 7L, ClientAddress.of("192.0.2.1"), Outcome.SUCCESS, null);

        assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.INFO);
        assertThat(logged.get(0).getMessage()).isEqualTo("audit: logout success actor=7 subject=7 from=192.0.2.1");
        AuditEvent stored = log.newest(null, 1).get(0).event();
        assertThat(stored.at()).isEqualTo(clock.instant());
        assertThat(stored.detail()).isNull();
    }

    @Test
    void aRefusalIsLoggedAtWarningWithItsDetail() {
        trail.self(AuditAction.MFA_DISABLED, 9L, ClientAddress.unknown(), Outcome.DENIED, "wrong code");

        assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.WARNING);
        assertThat(logged.get(0).getMessage())
                .isEqualTo("audit: mfa disabled denied actor=9 subject=9 from=null (wrong code)");
        assertThat(log.newest(null, 1).get(0).event().detail()).isEqualTo("wrong code");
    }
}
