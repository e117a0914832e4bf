package io.userservice.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSettingsEdgesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(WebhookSettings.defaults()).isEqualTo(new WebhookSettings(false, SECOND, Duration.ofSeconds(30),
                Duration.ofHours(24), Duration.ofDays(7), 50));
    }

    @Test
    void theWithersChangeOnlyTheirOwnSetting() {
        WebhookSettings custom = new WebhookSettings(false, Duration.ofSeconds(2), Duration.ofSeconds(20),
                Duration.ofHours(3), Duration.ofDays(1), 5);

        assertThat(custom.withAllowInternal(true)).isEqualTo(new WebhookSettings(true, Duration.ofSeconds(2),
                Duration.ofSeconds(20), Duration.ofHours(3), Duration.ofDays(1), 5));
        assertThat(custom.withPollInterval(Duration.ofMillis(100))).isEqualTo(new WebhookSettings(false,
                Duration.ofMillis(100), Duration.ofSeconds(20), Duration.ofHours(3), Duration.ofDays(1), 5));
    }

    @Test
    void everyDurationIsRequiredAndABatchHoldsAtLeastOne() {
        assertThat(new WebhookSettings(false, SECOND, SECOND, SECOND, SECOND, 1).batchSize()).isEqualTo(1);
        assertThatThrownBy(() -> new WebhookSettings(false, SECOND, SECOND, SECOND, SECOND, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be at least 1");
        assertThatThrownBy(() -> new WebhookSettings(false, null, SECOND, SECOND, SECOND, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("pollInterval");
        assertThatThrownBy(() -> new WebhookSettings(false, SECOND, null, SECOND, SECOND, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("claimDuration");
        assertThatThrownBy(() -> new WebhookSettings(false, SECOND, SECOND, null, SECOND, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("retryFor");
        assertThatThrownBy(() -> new WebhookSettings(false, SECOND, SECOND, SECOND, null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("retention");
    }

    @Test
    void theRetryDelayIsFiveSecondsDoublingUpToTwoHours() {
        WebhookSettings settings = WebhookSettings.defaults();

        assertThat(List.of(0, 1, 2, 3, 11, 12, 21, 22, Integer.MAX_VALUE).stream().map(settings::retryDelay))
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(20), Duration.ofSeconds(5 * 1024), Duration.ofHours(2),
                        Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(2));
    }
}
