package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code %isoTime} writes what {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}} writes, in any zone, at any instant. */
class IsoTimeConverterTest {

    private static final DateTimeFormatter LOGBACK_PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Pacific/Chatham"),
            ZoneId.of("America/Los_Angeles"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Europe/Amsterdam"));

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void everyMillisecondOfASecondAndItsNeighboursInEveryZone() {
        long start = Instant.parse("2026-12-02T01:02:03Z").toEpochMilli();
        for (ZoneId zone : ZONES) {
            IsoTimeConverter.Seconds seconds = new IsoTimeConverter.Seconds(zone);
            for (long millis = start - 1500; millis < start + 1500; millis++) {
                assertThat(seconds.format(millis)).as("%s %d", zone, millis).isEqualTo(expected(zone, millis));
            }
        }
    }

    @Test
    void aroundEveryOffsetChangeOfAZoneTheOffsetChangesOnTheSameMillisecond() {
        for (ZoneId zone : ZONES) {
            IsoTimeConverter.Seconds seconds = new IsoTimeConverter.Seconds(zone);
            List<ZoneOffsetTransition> transitions = new ArrayList<>(zone.getRules().getTransitions());
            ZoneOffsetTransition next = zone.getRules().nextTransition(Instant.parse("2026-06-01T00:00:00Z"));
            if (next != null) {
                transitions.add(next);
            }
            for (ZoneOffsetTransition transition : transitions) {
                long at = transition.toEpochSecond() * 1000;
                for (long millis : new long[] {at - 1001, at - 1000, at - 1, at, at + 1, at + 999, at + 1000}) {
                    assertThat(seconds.format(millis)).as("%s %d", zone, millis).isEqualTo(expected(zone, millis));
                }
            }
        }
    }

    @Test
    void linesOutOfOrderAcrossSecondsAndBeforeTheEpoch() {
        SplittableRandom random = new SplittableRandom(7);
        for (ZoneId zone : ZONES) {
            IsoTimeConverter.Seconds seconds = new IsoTimeConverter.Seconds(zone);
            for (int i = 0; i < 2000; i++) {
                long millis = random.nextLong(-2_500_000_000_000L, 4_000_000_000_000L);
                assertThat(seconds.format(millis)).as("%s %d", zone, millis).isEqualTo(expected(zone, millis));
                assertThat(seconds.format(millis - 1)).isEqualTo(expected(zone, millis - 1));
            }
        }
    }

    @Test
    void theServersPatternWritesTheSameLineAsTheDateConverterDid() {
        LogConfiguration.configureInCode(context);
        PatternLayout now = layout(LogConfiguration.PATTERN);
        PatternLayout before = layout("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30}%requestId - %msg%n");
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.userservice.app.Main"), Level.INFO, "hello", null, null);
        event.setThreadName("main");
        event.setMDCPropertyMap(Map.of("requestId", "req-1"));
        for (long millis : new long[] {0, 999, 1_000, 1_764_000_000_007L, 1_764_000_000_070L, 1_764_000_000_700L}) {
            event.setTimeStamp(millis);
            assertThat(now.doLayout(event)).isEqualTo(before.doLayout(event));
        }
    }

    private PatternLayout layout(String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout;
    }

    private static String expected(ZoneId zone, long millis) {
        return LOGBACK_PATTERN.withZone(zone).format(Instant.ofEpochMilli(millis));
    }
}
