package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final JsonLogEncoder encoder = new JsonLogEncoder();

    private JsonNode encoded(LoggingEvent event) throws Exception {
        encoder.setContext(context);
        encoder.start();
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r");
        return JSON.readTree(line);
    }

    @Test
    void oneObjectALineWithEveryFieldAndTheExceptionAsAField() throws Exception {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.userservice.Example"), Level.WARN,
                "refused {} \"quoted\"\nsecond line", new IllegalStateException("boom"), new Object[] {"it"});
        event.setMDCPropertyMap(Map.of("requestId", "req-1", "route", "/user"));
        event.setTimeStamp(1_700_000_000_123L);

        JsonNode line = encoded(event);

        assertThat(line.path("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("logger").asText()).isEqualTo("io.userservice.Example");
        assertThat(line.path("message").asText()).isEqualTo("refused it \"quoted\"\nsecond line");
        assertThat(line.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(line.path("requestId").asText()).isEqualTo("req-1");
        assertThat(line.path("route").asText()).isEqualTo("/user");
        assertThat(line.path("exception").asText()).startsWith("java.lang.IllegalStateException: boom")
                .contains("at io.userservice.app.JsonLogEncoderTest");
    }

    @Test
    void noRequestIdOrExceptionOutsideARequestAndMdcCannotOverwriteTheFields() throws Exception {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.userservice.Other"), Level.INFO,
                "started", null, null);
        event.setMDCPropertyMap(Map.of("level", "FORGED", "message", "forged"));

        JsonNode line = encoded(event);

        assertThat(line.has("requestId")).isFalse();
        assertThat(line.has("exception")).isFalse();
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("started");
    }
}
