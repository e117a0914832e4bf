package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.memory.InMemoryAuditLog;
import io.userservice.core.memory.InMemoryThrottleCounters;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.ThrottleLimit;
import io.userservice.core.port.out.ThrottleCounterPort;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.settings.ThrottleSettings.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The throttling policy on its own, with counters that record what they are asked: which limit a
 * refusal names, which key a device is counted under, and when expired windows are purged.
 */
class ThrottlingRulesTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final ClientAddress HOME = ClientAddress.of("198.51.100.1");
    private static final ClientAddress ELSEWHERE = ClientAddress.of("203.0.113.9");

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final List<ThrottleLimit> throttled = new ArrayList<>();
    private final RecordingCounters counters = new RecordingCounters();
    /** Two failures per account (or device), three per address, two of everything else. */
    private final Throttling throttling = new Throttling(counters, new ThrottleSettings(new Limit(2, WINDOW),
            new Limit(3, WINDOW), new Limit(2, WINDOW), new Limit(2, WINDOW), new Limit(2, WINDOW),
            new Limit(2, WINDOW), new Limit(2, WINDOW)), clock, new AuditTrail(auditLog, clock),
            new ServiceObserver() {
                @Override
                public void throttled(ThrottleLimit limit) {
                    throttled.add(limit);
                }
            });

    private List<AuditEvent> events() {
        return auditLog.newest(null, 100).stream().map(AuditEntry::event).toList();
    }

    @Test
    void aRefusalForTheAccountNamesTheAccountAndOneForADeviceNamesTheDevice() {
        throttling.signInFailed("jane@example.com", ClientAddress.unknown(), null);
        throttling.signInFailed("jane@example.com", ClientAddress.unknown(), null);
        assertThatThrownBy(() -> throttling.checkSignIn("jane@example.com", ClientAddress.unknown(), null))
                .isInstanceOf(TooManyRequestsException.class);
        assertThat(throttled).containsExactly(ThrottleLimit.SIGNIN_ACCOUNT);
        assertThat(events().get(0).detail()).isEqualTo("per account");

        throttling.signInFailed("max@example.com", ClientAddress.unknown(), "device-1");
        throttling.signInFailed("max@example.com", ClientAddress.unknown(), "device-1");
        assertThatThrownBy(() -> throttling.checkSignIn("max@example.com", ClientAddress.unknown(), "device-1"))
                .isInstanceOf(TooManyRequestsException.class);
        assertThat(throttled).containsExactly(ThrottleLimit.SIGNIN_ACCOUNT, ThrottleLimit.SIGNIN_DEVICE);
        assertThat(events().get(0).detail()).isEqualTo("per device");
        assertThat(events().get(0).action()).isEqualTo(AuditAction.SIGN_IN.storedForm());
    }

    @Test
    void eachDeviceIsCountedUnderItsOwnKey() {
        throttling.signInFailed("jane@example.com", ClientAddress.unknown(), "device-1");
        throttling.signInFailed("jane@example.com", ClientAddress.unknown(), "device-1");

        assertThatThrownBy(() -> throttling.checkSignIn("jane@example.com", ClientAddress.unknown(), "device-1"))
                .isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> throttling.checkSignIn("jane@example.com", ClientAddress.unknown(), "device-2"))
                .doesNotThrowAnyException();
        assertThat(counters.hitKeys).filteredOn(key -> key.startsWith("signin:device:")).hasSize(2)
                .allMatch(key -> key.length() > "signin:device:".length());
    }

    @Test
    void theAddressAloneIsRefusedAtItsLimitBeforeTheAccountIsKnown() {
        throttling.signInFailedAtAddress(HOME);
        throttling.signInFailedAtAddress(HOME);
        assertThatCode(() -> throttling.checkSignInAddress(HOME)).doesNotThrowAnyException();

        throttling.signInFailedAtAddress(HOME);
        TooManyRequestsException refused = catchThrowableOfType(
                () -> throttling.checkSignInAddress(HOME), TooManyRequestsException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(WINDOW);
        assertThat(throttled).containsExactly(ThrottleLimit.SIGNIN_ADDRESS);
        assertThat(events()).singleElement().satisfies(event -> {
            assertThat(event.detail()).isEqualTo("per address");
            assertThat(event.clientAddress()).isEqualTo("198.51.100.1");
        });
        assertThatCode(() -> throttling.checkSignInAddress(ELSEWHERE)).doesNotThrowAnyException();
    }

    @Test
    void anUnknownAddressIsNeitherCountedNorRefused() {
        for (int i = 0; i < 5; i++) {
            throttling.signInFailedAtAddress(ClientAddress.unknown());
        }
        assertThatCode(() -> throttling.checkSignInAddress(ClientAddress.unknown())).doesNotThrowAnyException();
        assertThat(counters.hitKeys).isEmpty();
        assertThat(counters.countKeys).isEmpty();
        assertThat(counters.purges).isEmpty();
    }

    @Test
    void resetRequestsAreRefusedPerAddressAcrossAccounts() {
        assertThat(throttling.resetRequest("a@example.com", HOME)).isTrue();
        assertThat(throttling.resetRequest("b@example.com", HOME)).isTrue();

        assertThatThrownBy(() -> throttling.resetRequest("c@example.com", HOME))
                .isInstanceOf(TooManyRequestsException.class);
        assertThat(throttled).containsExactly(ThrottleLimit.RESET_ADDRESS);
        assertThat(throttling.resetRequest("c@example.com", ELSEWHERE)).isTrue();
    }

    @Test
    void aResetRequestOverTheAccountsLimitIsCountedAndSendsNothing() {
        assertThat(throttling.resetRequest("jane@example.com", ClientAddress.unknown())).isTrue();
        assertThat(throttling.resetRequest("jane@example.com", ClientAddress.unknown())).isTrue();

        assertThat(throttling.resetRequest("jane@example.com", ClientAddress.unknown())).isFalse();
        assertThat(throttled).containsExactly(ThrottleLimit.RESET_ACCOUNT);
        assertThat(events()).singleElement().satisfies(event -> assertThat(event.detail())
                .isEqualTo("per account: no new mail"));
    }

    @Test
    void expiredWindowsArePurgedOnTheFirstFailureThenAtMostOnceAMinute() {
        Instant start = clock.instant();
        throttling.signInFailed("jane@example.com", HOME, null);
        assertThat(counters.purges).containsExactly(start);

        clock.advance(Duration.ofSeconds(60).minusMillis(1));
        throttling.signInFailed("jane@example.com", HOME, null);
        throttling.signInFailedAtAddress(HOME);
        throttling.registration(ELSEWHERE);
        assertThat(counters.purges).containsExactly(start);

        clock.advance(Duration.ofMillis(1));
        throttling.signInFailed("jane@example.com", HOME, null);
        assertThat(counters.purges).containsExactly(start, start.plusSeconds(60));
    }

    @Test
    void aFailureAtAnAddressAloneAndACountedAttemptBothPurge() {
        throttling.signInFailedAtAddress(HOME);
        assertThat(counters.purges).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        throttling.existsCheck(HOME);
        assertThat(counters.purges).hasSize(2);

        clock.advance(Duration.ofMinutes(1));
        throttling.codeAttempt(AuditAction.EMAIL_CONFIRMATION, HOME);
        assertThat(counters.purges).hasSize(3);
    }

    @Test
    void anAccountThatIsNoEmailIsCountedByItsTrimmedLowerCasedText() {
        assertThat(Throttling.accountOf("  Not An Email ")).isEqualTo("not an email");
        assertThat(Throttling.accountOf(" Jane@Example.COM ")).isEqualTo("jane@example.com");
        assertThat(Throttling.accountOf(null)).isEmpty();
    }

    /** In-memory counters that remember the keys they were given and every purge. */
    private static final class RecordingCounters implements ThrottleCounterPort {
        private final InMemoryThrottleCounters delegate = new InMemoryThrottleCounters();
        final List<String> hitKeys = new ArrayList<>();
        final List<String> countKeys = new ArrayList<>();
        final List<Instant> purges = new ArrayList<>();

        @Override
        public WindowCount hit(String key, Duration window, Instant now) {
            hitKeys.add(key);
            return delegate.hit(key, window, now);
        }

        @Override
        public WindowCount count(String key, Duration window, Instant now) {
            countKeys.add(key);
            return delegate.count(key, window, now);
        }

        @Override
        public int purgeExpired(Instant now) {
            purges.add(now);
            return delegate.purgeExpired(now);
        }
    }
}
