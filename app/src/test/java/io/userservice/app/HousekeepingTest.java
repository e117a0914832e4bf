package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.in.PurgeExpiredRowsUseCase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

    @Test
    void purgesOnScheduleAndKeepsGoingAfterAFailedPurge() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        PurgeExpiredRowsUseCase purge = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
            return new PurgeExpiredRowsUseCase.Purged(1, 0, 0, 0);
        };

        try (Housekeeping housekeeping = Housekeeping.start(purge, Duration.ofMillis(50))) {
            for (int i = 0; i < 100 && calls.get() < 3; i++) {
                Thread.sleep(20);
            }
        }
        int afterClose = calls.get();
        Thread.sleep(200);

        assertThat(afterClose).isGreaterThanOrEqualTo(3);
        assertThat(calls.get()).as("no purge after close").isEqualTo(afterClose);
    }

    @Test
    void theIntervalIsASettingWithAnHourlyDefault() {
        assertThat(OperationsConfig.from(java.util.Map.of()).purgeInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(OperationsConfig.from(java.util.Map.of("USERSVC_PURGE_INTERVAL", "PT15M")).purgeInterval())
                .isEqualTo(Duration.ofMinutes(15));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperationsConfig.from(
                java.util.Map.of("USERSVC_PURGE_INTERVAL", "PT0S"))).hasMessageContaining("USERSVC_PURGE_INTERVAL");
    }
}
