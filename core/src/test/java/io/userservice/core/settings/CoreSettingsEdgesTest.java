package io.userservice.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.PasswordPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CoreSettingsEdgesTest {

    private static final Duration D = Duration.ofMinutes(1);
    private static final CoreSettings DEFAULTS = CoreSettings.defaults();

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(DEFAULTS).isEqualTo(new CoreSettings(true, Duration.ofMinutes(15), Duration.ofDays(30),
                Duration.ofSeconds(10), Duration.ofDays(2), Duration.ofHours(1), PasswordPolicy.defaults(),
                Duration.ofHours(12), Duration.ofDays(30), Duration.ofHours(1)));
    }

    @Test
    void everyLifetimeMustBePositive() {
        List<Function<Duration, CoreSettings>> withEach = List.of(
                d -> new CoreSettings(true, d, D, D, D, D, PasswordPolicy.defaults(), D, D, D),
                d -> new CoreSettings(true, D, d, D, D, D, PasswordPolicy.defaults(), D, D, D),
                d -> new CoreSettings(true, D, D, D, d, D, PasswordPolicy.defaults(), D, D, D),
                d -> new CoreSettings(true, D, D, D, D, d, PasswordPolicy.defaults(), D, D, D),
                d -> new CoreSettings(true, D, D, D, D, D, PasswordPolicy.defaults(), d, D, D),
                d -> new CoreSettings(true, D, D, D, D, D, PasswordPolicy.defaults(), D, d, D),
                d -> new CoreSettings(true, D, D, D, D, D, PasswordPolicy.defaults(), D, D, d));
        List<String> names = List.of("accessTokenTtl", "refreshTokenTtl", "confirmationCodeTtl", "resetCodeTtl",
                "portalSessionTtl", "sessionMaxLifetime", "portalTokenMaxLifetime");
        for (int i = 0; i < withEach.size(); i++) {
            Function<Duration, CoreSettings> settings = withEach.get(i);
            for (Duration bad : Arrays.asList(null, Duration.ZERO, Duration.ofNanos(-1))) {
                assertThatThrownBy(() -> settings.apply(bad)).as(names.get(i) + " " + bad)
                        .isInstanceOf(IllegalArgumentException.class).hasMessage(names.get(i) + " must be positive");
            }
            assertThat(settings.apply(Duration.ofNanos(1))).isNotNull();
        }
    }

    @Test
    void theReuseGraceMayBeZeroButNotNegativeOrMissing() {
        assertThat(DEFAULTS.withRefreshReuseGrace(Duration.ZERO).refreshReuseGrace()).isZero();
        for (Duration bad : Arrays.asList(null, Duration.ofNanos(-1))) {
            assertThatThrownBy(() -> DEFAULTS.withRefreshReuseGrace(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("refreshReuseGrace must be zero or positive");
        }
    }

    @Test
    void aPasswordPolicyIsRequired() {
        assertThatThrownBy(() -> new CoreSettings(true, D, D, D, D, D, null, D, D, D))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("passwordPolicy is required");
    }

    @Test
    void theWithersChangeOnlyTheirOwnSetting() {
        CoreSettings custom = new CoreSettings(false, Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(3), Duration.ofMinutes(4), Duration.ofMinutes(5), PasswordPolicy.defaults(),
                Duration.ofMinutes(6), Duration.ofMinutes(7), Duration.ofMinutes(8));

        assertThat(custom.withRequireConfirmation(true)).isEqualTo(new CoreSettings(true, Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(4), Duration.ofMinutes(5),
                PasswordPolicy.defaults(), Duration.ofMinutes(6), Duration.ofMinutes(7), Duration.ofMinutes(8)));
        assertThat(custom.withRefreshReuseGrace(Duration.ofSeconds(9))).isEqualTo(new CoreSettings(false,
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofSeconds(9), Duration.ofMinutes(4),
                Duration.ofMinutes(5), PasswordPolicy.defaults(), Duration.ofMinutes(6), Duration.ofMinutes(7),
                Duration.ofMinutes(8)));
        assertThat(custom.withSessionMaxLifetime(Duration.ofDays(1))).isEqualTo(new CoreSettings(false,
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(4),
                Duration.ofMinutes(5), PasswordPolicy.defaults(), Duration.ofMinutes(6), Duration.ofDays(1),
                Duration.ofMinutes(8)));
        assertThat(custom.withPortalTokenMaxLifetime(Duration.ofHours(2))).isEqualTo(new CoreSettings(false,
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(4),
                Duration.ofMinutes(5), PasswordPolicy.defaults(), Duration.ofMinutes(6), Duration.ofMinutes(7),
                Duration.ofHours(2)));
    }
}
