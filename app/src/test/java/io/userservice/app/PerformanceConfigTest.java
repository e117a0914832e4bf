package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceConfigTest {

    @Test
    void defaults() {
        PerformanceConfig limits = PerformanceConfig.defaults();

        assertThat(limits.hashConcurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(limits.hashQueue()).isEqualTo(16);
        assertThat(limits.tokenCacheSize()).isEqualTo(10_000);
        assertThat(limits.tokenCacheMaxAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.httpMaxThreads()).isEqualTo(64);
    }

    @Test
    void theEnvironmentWinsOverTheFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("service.properties");
        Files.writeString(file, "USERSVC_HASH_QUEUE=4\nUSERSVC_TOKEN_CACHE_SIZE=5\n");

        PerformanceConfig limits = PerformanceConfig.from(Map.of("USERSVC_CONFIG_FILE", file.toString(),
                "USERSVC_TOKEN_CACHE_SIZE", "0", "USERSVC_HASH_CONCURRENCY", "3",
                "USERSVC_TOKEN_CACHE_MAX_AGE", "PT5S", "USERSVC_HTTP_MAX_THREADS", "16"));

        assertThat(limits).isEqualTo(new PerformanceConfig(3, 4, 0, Duration.ofSeconds(5), 16));
    }

    @Test
    void aBadValueNamesTheSetting() {
        assertThatThrownBy(() -> PerformanceConfig.from(Map.of("USERSVC_HASH_CONCURRENCY", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("USERSVC_HASH_CONCURRENCY");
        assertThatThrownBy(() -> PerformanceConfig.from(Map.of("USERSVC_HASH_QUEUE", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("USERSVC_HASH_QUEUE");
        assertThatThrownBy(() -> PerformanceConfig.from(Map.of("USERSVC_TOKEN_CACHE_MAX_AGE", "PT0S")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("USERSVC_TOKEN_CACHE_MAX_AGE");
    }
}
