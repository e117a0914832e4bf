package io.userservice.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.settings.ThrottleSettings.Limit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleSettingsTest {

    private static final Limit ONE = new Limit(1, Duration.ofMinutes(1));

    @Test
    void theDefaultsAreTheDocumentedLimits() {
        ThrottleSettings defaults = ThrottleSettings.defaults();
        Duration quarter = Duration.ofMinutes(15);
        Duration hour = Duration.ofHours(1);

        assertThat(defaults.failedSignInsPerAccount()).isEqualTo(new Limit(10, quarter));
        assertThat(defaults.failedSignInsPerAddress()).isEqualTo(new Limit(100, quarter));
        assertThat(defaults.codeAttemptsPerAddress()).isEqualTo(new Limit(30, quarter));
        assertThat(defaults.resetRequestsPerAccount()).isEqualTo(new Limit(5, hour));
        assertThat(defaults.resetRequestsPerAddress()).isEqualTo(new Limit(20, hour));
        assertThat(defaults.registrationsPerAddress()).isEqualTo(new Limit(20, hour));
        assertThat(defaults.existsChecksPerAddress()).isEqualTo(new Limit(100, quarter));
        assertThat(defaults.ipv6PrefixLength()).isEqualTo(64).isEqualTo(ThrottleSettings.DEFAULT_IPV6_PREFIX_LENGTH);
    }

    @Test
    void theIpv6PrefixLengthIsBetween32And128() {
        ThrottleSettings defaults = ThrottleSettings.defaults();

        assertThat(defaults.withIpv6PrefixLength(32).ipv6PrefixLength()).isEqualTo(32);
        assertThat(defaults.withIpv6PrefixLength(128).ipv6PrefixLength()).isEqualTo(128);
        assertThatThrownBy(() -> defaults.withIpv6PrefixLength(31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withIpv6PrefixLength(129)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changingThePrefixLengthKeepsEveryLimit() {
        ThrottleSettings custom = new ThrottleSettings(new Limit(1, Duration.ofMinutes(1)),
                new Limit(2, Duration.ofMinutes(2)), new Limit(3, Duration.ofMinutes(3)),
                new Limit(4, Duration.ofMinutes(4)), new Limit(5, Duration.ofMinutes(5)),
                new Limit(6, Duration.ofMinutes(6)), new Limit(7, Duration.ofMinutes(7)));

        ThrottleSettings changed = custom.withIpv6PrefixLength(48);

        assertThat(custom.ipv6PrefixLength()).isEqualTo(64);
        assertThat(changed).isEqualTo(new ThrottleSettings(custom.failedSignInsPerAccount(),
                custom.failedSignInsPerAddress(), custom.codeAttemptsPerAddress(), custom.resetRequestsPerAccount(),
                custom.resetRequestsPerAddress(), custom.registrationsPerAddress(), custom.existsChecksPerAddress(),
                48));
    }

    @Test
    void everyLimitIsRequired() {
        for (int missing = 0; missing < 7; missing++) {
            Limit[] limits = {ONE, ONE, ONE, ONE, ONE, ONE, ONE};
            limits[missing] = null;
            assertThatThrownBy(() -> new ThrottleSettings(limits[0], limits[1], limits[2], limits[3], limits[4],
                    limits[5], limits[6])).as("limit %d", missing).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aLimitAllowsAtLeastOneAttempt() {
        assertThat(new Limit(1, Duration.ofMinutes(1)).max()).isEqualTo(1);
        assertThatThrownBy(() -> new Limit(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limit(-5, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLimitsWindowIsBetweenOneSecondAndOneDay() {
        assertThat(new Limit(1, Duration.ofSeconds(1)).window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new Limit(1, Duration.ofDays(1)).window()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> new Limit(1, Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limit(1, Duration.ofDays(1).plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limit(1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLimitParsesFromCountSlashDuration() {
        assertThat(Limit.parse("10/PT15M")).isEqualTo(new Limit(10, Duration.ofMinutes(15)));
        assertThat(Limit.parse(" 3 / PT1H ")).isEqualTo(new Limit(3, Duration.ofHours(1)));
    }

    @Test
    void aLimitPrintsAsItParses() {
        Limit limit = new Limit(10, Duration.ofMinutes(15));

        assertThat(limit).hasToString("10/PT15M");
        assertThat(Limit.parse(limit.toString())).isEqualTo(limit);
    }

    @Test
    void malformedLimitsAreRefusedWithTheExpectedForm() {
        for (String text : new String[] {null, "", "10", "PT15M", "ten/PT15M", "10/15 minutes", "/PT15M", "10/"}) {
            assertThatThrownBy(() -> Limit.parse(text)).as(String.valueOf(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("expected count/duration such as 10/PT15M");
        }
        assertThatThrownBy(() -> Limit.parse("0/PT15M")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one attempt");
        assertThatThrownBy(() -> Limit.parse("1/PT0.5S")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between one second and one day");
    }
}
