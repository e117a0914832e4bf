package io.userservice.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.out.MailOutboxPort.SendLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The outbox's fixed windows, which every outbox store counts mails in. */
class SendLimitTest {

    private final SendLimit perHour = new SendLimit(5, Duration.ofHours(1));

    @Test
    void aWindowStartsOnAWholeNumberOfWindowsAfterTheEpoch() {
        assertThat(perHour.windowStart(Instant.parse("2026-03-01T10:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(perHour.windowStart(Instant.parse("2026-03-01T11:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
    }

    @Test
    void beforeTheEpochTheWindowStillStartsAtOrBeforeTheMoment() {
        assertThat(perHour.windowStart(Instant.parse("1969-12-31T23:30:00Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
    }
}
