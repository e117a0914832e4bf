package io.userservice.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.ThrottleCounterPort;
import io.userservice.core.port.out.ThrottleCounterPort.WindowCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ThrottleCounterPort} must do. */
public abstract class ThrottleCounterContract {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    /** The start of a 15-minute window. */
    private static final Instant START = Instant.parse("2030-01-01T10:15:00Z");
    private static final String KEY = "signin:account:abc";

    private ThrottleCounterPort counters;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        counters = newState().throttleCounters();
    }

    @Test
    void hitsCountUpWithinAWindowAndSayWhenItEnds() {
        assertThat(counters.count(KEY, WINDOW, START)).isEqualTo(new WindowCount(0, START.plus(WINDOW)));

        assertThat(counters.hit(KEY, WINDOW, START.plusSeconds(1))).isEqualTo(new WindowCount(1, START.plus(WINDOW)));
        assertThat(counters.hit(KEY, WINDOW, START.plusSeconds(60)).count()).isEqualTo(2);
        assertThat(counters.hit(KEY, WINDOW, START.plus(WINDOW).minusMillis(1)).count()).isEqualTo(3);

        assertThat(counters.count(KEY, WINDOW, START.plusSeconds(600))).isEqualTo(new WindowCount(3, START.plus(WINDOW)));
    }

    @Test
    void theNextWindowStartsFromZero() {
        counters.hit(KEY, WINDOW, START);
        counters.hit(KEY, WINDOW, START);

        Instant next = START.plus(WINDOW);
        assertThat(counters.count(KEY, WINDOW, next)).isEqualTo(new WindowCount(0, next.plus(WINDOW)));
        assertThat(counters.hit(KEY, WINDOW, next).count()).isEqualTo(1);
    }

    @Test
    void keysAndWindowLengthsAreCountedApart() {
        counters.hit(KEY, WINDOW, START);
        counters.hit(KEY, WINDOW, START);

        assertThat(counters.hit("signin:account:ABC", WINDOW, START).count()).isEqualTo(1);
        assertThat(counters.hit(KEY, Duration.ofHours(1), START).count()).isEqualTo(1);
        assertThat(counters.count(KEY, WINDOW, START).count()).isEqualTo(2);
    }

    @Test
    void keysOfTheMaximumLengthWork() {
        String longKey = "k".repeat(ThrottleCounterPort.MAX_KEY_LENGTH);

        assertThat(counters.hit(longKey, WINDOW, START).count()).isEqualTo(1);
        assertThat(counters.hit(longKey, WINDOW, START).count()).isEqualTo(2);
    }

    @Test
    void purgingForgetsOnlyEndedWindows() {
        counters.hit("old", WINDOW, START);
        counters.hit("old", WINDOW, START);
        counters.hit("current", WINDOW, START.plus(WINDOW));

        int purged = counters.purgeExpired(START.plus(WINDOW).plusSeconds(1));

        assertThat(purged).isEqualTo(1);
        assertThat(counters.count("current", WINDOW, START.plus(WINDOW)).count()).isEqualTo(1);
        assertThat(counters.count("old", WINDOW, START).count()).isZero();
        assertThat(counters.purgeExpired(START.plus(WINDOW).plusSeconds(1))).isZero();
    }

    @Test
    void racingHitsAreEachCountedExactlyOnce() {
        List<Race.Outcome<WindowCount>> outcomes = Race.run(Race.RACERS,
                i -> counters.hit("raced", WINDOW, START.plusSeconds(5)));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(Race.winners(outcomes)).extracting(WindowCount::count)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, Race.RACERS).boxed().toList());
        assertThat(counters.count("raced", WINDOW, START).count()).isEqualTo(Race.RACERS);
    }
}
