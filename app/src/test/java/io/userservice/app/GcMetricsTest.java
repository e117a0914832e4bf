package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GcMetricsTest {

    @Test
    void everyCollectorIsATimerOfItsCollectionsReadAtEachScrape() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new GcMetrics().bindTo(registry);

        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            FunctionTimer timer = registry.get("jvm.gc.collection").tag("gc", collector.getName()).functionTimer();
            assertThat(timer.count()).isGreaterThanOrEqualTo(collector.getCollectionCount());
            assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(0);
        }
        double before = collections(registry);

        System.gc();

        assertThat(collections(registry)).as("read again, not remembered").isGreaterThan(before);
    }

    private static double collections(SimpleMeterRegistry registry) {
        return registry.get("jvm.gc.collection").functionTimers().stream().mapToDouble(FunctionTimer::count).sum();
    }
}
