package io.userservice.app;

import java.time.Duration;
import java.util.Map;

/**
 * How the server is operated, read from the same environment and properties file as
 * {@link AppConfig}: logs ({@link LogSettings}), the management listener for metrics and health
 * ({@code USERSVC_MANAGEMENT_HOST}, {@code USERSVC_MANAGEMENT_PORT}; only {@code serve} opens
 * it, unless {@code USERSVC_MANAGEMENT_ENABLED=false}, which also turns the metrics off) and how often expired rows are purged ({@code USERSVC_PURGE_INTERVAL}).
 *
 * @param management where the management listener listens, or {@code null} for none
 */
record OperationsConfig(LogSettings logs, Management management, Duration purgeInterval) {

    /** The management listener's address; port 0 picks a free one. */
    record Management(String host, int port) {
    }

    static OperationsConfig from(Map<String, String> environment) {
        return read(AppConfig.settings(environment));
    }

    static OperationsConfig read(Settings s) {
        Management management = new Management(s.text("USERSVC_MANAGEMENT_HOST", "127.0.0.1"),
                s.integer("USERSVC_MANAGEMENT_PORT", 9000, 0, 65535));
        boolean enabled = s.bool("USERSVC_MANAGEMENT_ENABLED", true);
        return new OperationsConfig(LogSettings.read(s), enabled ? management : null,
                s.duration("USERSVC_PURGE_INTERVAL", Duration.ofHours(1), false));
    }

    /** The defaults without a management listener, for servers started in tests and by embedding code. */
    static OperationsConfig embedded() {
        return from(Map.of()).withoutManagement();
    }

    OperationsConfig withoutManagement() {
        return new OperationsConfig(logs, null, purgeInterval);
    }
}
