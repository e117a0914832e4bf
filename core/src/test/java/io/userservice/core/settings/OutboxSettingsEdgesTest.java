package io.userservice.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.port.out.MailOutboxPort;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OutboxSettingsEdgesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final OutboxSettings DEFAULTS = OutboxSettings.defaults();

    /** Settings with these durations, 20 mails per look, 100 attempts and 10 mails per recipient. */
    private static OutboxSettings build(Duration poll, Duration claim, Duration first, Duration max, Duration window,
                                        Duration retention) {
        return new OutboxSettings(poll, 20, claim, 100, first, max, 10, window, retention);
    }

    private static final List<Duration> NOT_POSITIVE = Arrays.asList(null, Duration.ZERO, Duration.ofMillis(-1));

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(DEFAULTS).isEqualTo(new OutboxSettings(SECOND, 20, Duration.ofMinutes(1), 100,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 10, Duration.ofHours(1), Duration.ofDays(7)));
        assertThat(OutboxSettings.MAX_CLAIM_DURATION).isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxSettings.CLAIM_MARGIN).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyDurationMustBePositive() {
        List<Function<Duration, OutboxSettings>> withEach = List.of(
                d -> build(d, SECOND, SECOND, SECOND, SECOND, SECOND),
                d -> build(SECOND, d, SECOND, SECOND, SECOND, SECOND),
                d -> build(SECOND, SECOND, d, SECOND, SECOND, SECOND),
                d -> build(SECOND, SECOND, SECOND, d, SECOND, SECOND),
                d -> build(SECOND, SECOND, SECOND, SECOND, d, SECOND),
                d -> build(SECOND, SECOND, SECOND, SECOND, SECOND, d));
        List<String> names = List.of("pollInterval", "claimDuration", "firstRetryDelay", "maxRetryDelay",
                "recipientWindow", "retention");
        Duration nano = Duration.ofNanos(1);
        for (int i = 0; i < withEach.size(); i++) {
            Function<Duration, OutboxSettings> settings = withEach.get(i);
            for (Duration bad : NOT_POSITIVE) {
                assertThatThrownBy(() -> settings.apply(bad)).as(names.get(i) + " " + bad)
                        .isInstanceOf(IllegalArgumentException.class).hasMessage(names.get(i) + " must be positive");
            }
        }
        assertThat(build(nano, nano, nano, nano, nano, nano).claimDuration()).isEqualTo(nano);
    }

    @Test
    void theCountsMustBeAtLeastOne() {
        assertThat(new OutboxSettings(SECOND, 1, SECOND, 1, SECOND, SECOND, 1, SECOND, SECOND))
                .extracting(OutboxSettings::batchSize, OutboxSettings::maxAttempts, OutboxSettings::recipientLimit)
                .containsExactly(1, 1, 1);
        assertThatThrownBy(() -> new OutboxSettings(SECOND, 0, SECOND, 1, SECOND, SECOND, 1, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be at least 1");
        assertThatThrownBy(() -> new OutboxSettings(SECOND, 1, SECOND, 0, SECOND, SECOND, 1, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts must be at least 1");
        assertThatThrownBy(() -> new OutboxSettings(SECOND, 1, SECOND, 1, SECOND, SECOND, 0, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("recipientLimit must be at least 1");
    }

    @Test
    void aClaimLastsAtMostAMinute() {
        assertThat(DEFAULTS.withClaimDuration(Duration.ofMinutes(1)).claimDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> DEFAULTS.withClaimDuration(Duration.ofMinutes(1).plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("claimDuration must be at most PT1M");
    }

    @Test
    void theLongestRetryDelayIsNeverShorterThanTheFirst() {
        assertThat(DEFAULTS.withRetryDelays(Duration.ofSeconds(5), Duration.ofSeconds(5)).retryDelay(3))
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> DEFAULTS.withRetryDelays(Duration.ofSeconds(5), Duration.ofMillis(4999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetryDelay must not be shorter than firstRetryDelay");
    }

    @Test
    void eachWitherChangesOnlyItsOwnSetting() {
        OutboxSettings custom = new OutboxSettings(Duration.ofSeconds(3), 7, Duration.ofSeconds(40), 9,
                Duration.ofSeconds(1), Duration.ofSeconds(8), 4, Duration.ofMinutes(10), Duration.ofDays(2));

        assertThat(custom.withClaimDuration(Duration.ofSeconds(20))).isEqualTo(new OutboxSettings(Duration.ofSeconds(3),
                7, Duration.ofSeconds(20), 9, Duration.ofSeconds(1), Duration.ofSeconds(8), 4, Duration.ofMinutes(10),
                Duration.ofDays(2)));
        assertThat(custom.withPollInterval(Duration.ofMillis(50))).isEqualTo(new OutboxSettings(Duration.ofMillis(50),
                7, Duration.ofSeconds(40), 9, Duration.ofSeconds(1), Duration.ofSeconds(8), 4, Duration.ofMinutes(10),
                Duration.ofDays(2)));
        assertThat(custom.withMaxAttempts(3)).isEqualTo(new OutboxSettings(Duration.ofSeconds(3), 7,
                Duration.ofSeconds(40), 3, Duration.ofSeconds(1), Duration.ofSeconds(8), 4, Duration.ofMinutes(10),
                Duration.ofDays(2)));
        assertThat(custom.withRetryDelays(Duration.ofSeconds(2), Duration.ofMinutes(1))).isEqualTo(new OutboxSettings(
                Duration.ofSeconds(3), 7, Duration.ofSeconds(40), 9, Duration.ofSeconds(2), Duration.ofMinutes(1), 4,
                Duration.ofMinutes(10), Duration.ofDays(2)));
        assertThat(custom.withRecipientLimit(1)).isEqualTo(new OutboxSettings(Duration.ofSeconds(3), 7,
                Duration.ofSeconds(40), 9, Duration.ofSeconds(1), Duration.ofSeconds(8), 1, Duration.ofMinutes(10),
                Duration.ofDays(2)));
        assertThat(custom.withClaimCovering(Duration.ofSeconds(10))).isEqualTo(new OutboxSettings(
                Duration.ofSeconds(3), 7, Duration.ofSeconds(15), 9, Duration.ofSeconds(1), Duration.ofSeconds(8), 4,
                Duration.ofMinutes(10), Duration.ofDays(2)));
    }

    @Test
    void aClaimCoversTheDeliveryTimeoutPlusFiveSecondsUpToAMinute() {
        assertThat(DEFAULTS.withClaimCovering(Duration.ofMillis(1)).claimDuration()).isEqualTo(Duration.ofMillis(5001));
        assertThat(DEFAULTS.withClaimCovering(Duration.ofSeconds(54)).claimDuration()).isEqualTo(Duration.ofSeconds(59));
        assertThat(DEFAULTS.withClaimCovering(Duration.ofSeconds(55)).claimDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(DEFAULTS.withClaimCovering(Duration.ofSeconds(55).plusNanos(1)).claimDuration())
                .isEqualTo(Duration.ofMinutes(1));
        for (Duration bad : NOT_POSITIVE) {
            assertThatThrownBy(() -> DEFAULTS.withClaimCovering(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("deliveryTimeout must be positive");
        }
    }

    @Test
    void theRetryDelayDoublesFromTheFirstUpToTheLongest() {
        OutboxSettings settings = DEFAULTS.withRetryDelays(Duration.ofSeconds(3), Duration.ofSeconds(10));

        assertThat(List.of(0, 1, 2, 3, 4).stream().map(settings::retryDelay))
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(6),
                        Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void theRetryDelayStaysAtTheLongestHoweverManyAttemptsFailed() {
        assertThat(DEFAULTS.retryDelay(DEFAULTS.maxAttempts())).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.retryDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aClaimIsRenewedEveryThirdOfItsDurationAndAtMostEveryMillisecond() {
        assertThat(DEFAULTS.claimRenewalInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(DEFAULTS.withClaimDuration(Duration.ofMillis(300)).claimRenewalInterval())
                .isEqualTo(Duration.ofMillis(100));
        assertThat(DEFAULTS.withClaimDuration(Duration.ofNanos(3)).claimRenewalInterval())
                .isEqualTo(Duration.ofNanos(1));
        assertThat(DEFAULTS.withClaimDuration(Duration.ofNanos(2)).claimRenewalInterval())
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void theSendLimitIsTheRecipientLimitPerWindow() {
        assertThat(DEFAULTS.sendLimit()).isEqualTo(new MailOutboxPort.SendLimit(10, Duration.ofHours(1)));
        assertThat(DEFAULTS.withRecipientLimit(3).sendLimit()).isEqualTo(new MailOutboxPort.SendLimit(3,
                Duration.ofHours(1)));
    }
}
