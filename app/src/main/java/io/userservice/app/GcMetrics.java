package io.userservice.app;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Each garbage collector's collections and the time they took, read from the JVM's
 * {@link GarbageCollectorMXBean}s when the registry is scraped:
 * {@code jvm_gc_collection_seconds_count} and {@code jvm_gc_collection_seconds_sum} with the
 * collector's name as {@code gc}, the figures the Prometheus Java client's own GC collector
 * gives.
 *
 * <p>Nothing runs at a collection. Micrometer's {@code JvmGcMetrics} listens to the JVM's GC
 * notifications instead, which the JVM builds (the memory of every pool before and after, as
 * open data) for each collection once anyone listens; under load the young generation is
 * collected dozens of times a second, and that work showed in the cost of the metrics to
 * {@code GET /user} (docs/benchmarks.md).
 */
final class GcMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            FunctionTimer.builder("jvm.gc.collection", collector, c -> Math.max(0, c.getCollectionCount()),
                            c -> Math.max(0, c.getCollectionTime()), TimeUnit.MILLISECONDS)
                    .tag("gc", collector.getName())
                    .description("collections of this garbage collector and the time they took")
                    .register(registry);
        }
    }
}
