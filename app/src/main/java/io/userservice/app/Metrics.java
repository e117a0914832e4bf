package io.userservice.app;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userservice.jdbc.JdbcStores;

/**
 * The Prometheus registry of a served instance, with the JVM, GC ({@link GcMetrics}), process and
 * connection-pool binders. Closing it closes the registry.
 */
final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry;

    private Metrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    static Metrics of(JdbcStores database) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new GcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        database.trackPoolMetrics(new MicrometerMetricsTrackerFactory(registry));
        return new Metrics(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        registry.close();
    }
}
