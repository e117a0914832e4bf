package io.userservice.app;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The start-up of {@code serve}, phase by phase, in milliseconds of the wall clock: each phase
 * lasts from the end of the one before to its own end, so the phases add up to the time from the
 * JVM's start to the ready line. {@code bench/startup.sh} reads the line {@link #summary()} writes.
 */
final class StartupPhases {

    /** When {@code main} was entered, in epoch milliseconds; 0 when the server is started otherwise (tests). */
    private static volatile long mainEnteredAt;

    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final long jvmStartedAt;
    private long phaseStartedAt;

    private StartupPhases(long jvmStartedAt, long phaseStartedAt) {
        this.jvmStartedAt = jvmStartedAt;
        this.phaseStartedAt = phaseStartedAt;
    }

    /** Marks the entry into {@code main}, the end of the JVM's own start. */
    static void mainEntered() {
        mainEnteredAt = System.currentTimeMillis();
    }

    /**
     * The phases from the JVM's start: the first, {@code jvm-to-main}, ends at {@link #mainEntered}
     * (or now, when {@code main} did not run).
     */
    static StartupPhases sinceJvmStart() {
        long jvmStartedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        long main = mainEnteredAt == 0 ? System.currentTimeMillis() : mainEnteredAt;
        StartupPhases phases = new StartupPhases(jvmStartedAt, jvmStartedAt);
        phases.end("jvm-to-main", main);
        return phases;
    }

    /** Phases from now on, for a server started inside another program (tests); nothing before is counted. */
    static StartupPhases fromNow() {
        long now = System.currentTimeMillis();
        return new StartupPhases(now, now);
    }

    /** Ends the phase {@code name} now; the next one starts. */
    void end(String name) {
        end(name, System.currentTimeMillis());
    }

    private void end(String name, long at) {
        phases.merge(name, Math.max(0, at - phaseStartedAt), Long::sum);
        phaseStartedAt = at;
    }

    /** Milliseconds from the JVM's start (or from {@link #fromNow}) to the end of the last phase. */
    long total() {
        return phaseStartedAt - jvmStartedAt;
    }

    /** One line: {@code start-up phases (ms): jvm-to-main=… configuration=… … total=…}. */
    String summary() {
        StringJoiner line = new StringJoiner(" ", "start-up phases (ms): ", "");
        phases.forEach((name, millis) -> line.add(name + "=" + millis));
        line.add("total=" + total());
        return line.toString();
    }
}
