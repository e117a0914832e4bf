package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupPhasesTest {

    @Test
    void theLineNamesEveryPhaseInOrderAndTheyAddUpToTheTotal() {
        StartupPhases phases = StartupPhases.sinceJvmStart();
        phases.end("configuration");
        phases.end("database");
        phases.end("ready");

        Map<String, Long> fields = fields(phases.summary());

        assertThat(fields.keySet()).containsExactly("jvm-to-main", "configuration", "database", "ready", "total");
        assertThat(fields.values()).allMatch(millis -> millis >= 0);
        long sum = fields.entrySet().stream().filter(f -> !f.getKey().equals("total"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(fields.get("total")).isEqualTo(sum).isEqualTo(phases.total());
    }

    @Test
    void aPhaseEndedTwiceIsCountedOnceWithBothParts() {
        StartupPhases phases = StartupPhases.fromNow();
        phases.end("core");
        phases.end("keys");
        phases.end("core");

        Map<String, Long> fields = fields(phases.summary());

        assertThat(fields.keySet()).containsExactly("core", "keys", "total");
        assertThat(fields.get("core") + fields.get("keys")).isEqualTo(fields.get("total"));
    }

    /** The {@code name=millis} fields of the line, in order. */
    private static Map<String, Long> fields(String summary) {
        assertThat(summary).startsWith("start-up phases (ms): ");
        Map<String, Long> fields = new LinkedHashMap<>();
        Arrays.stream(summary.substring("start-up phases (ms): ".length()).split(" "))
                .map(field -> field.split("="))
                .forEach(field -> fields.put(field[0], Long.parseLong(field[1])));
        return fields;
    }
}
