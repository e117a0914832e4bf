package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access log's encoder writes exactly the bytes the server's pattern writes, for every kind of event. */
class AccessLineEncoderTest {

    private final LoggerContext context = new LoggerContext();
    private final PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    private final AccessLineEncoder direct = new AccessLineEncoder();

    AccessLineEncoderTest() {
        LogConfiguration.configureInCode(context);
        pattern.setContext(context);
        pattern.setPattern(LogConfiguration.PATTERN);
        pattern.start();
        direct.setContext(context);
        direct.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void anAccessLineIsThePatternsLine() {
        LoggingEvent event = event(AccessLog.LOGGER, Level.INFO, "GET /user 200 3 ms", "http-7", "8f0c2a61e2d94b7c");
        event.setTimeStamp(1_764_000_000_007L);

        assertThat(text(direct.encode(event))).isEqualTo(text(pattern.encode(event)))
                .endsWith(" INFO  [http-7] io.userservice.access 8f0c2a61e2d94b7c - GET /user 200 3 ms"
                        + System.lineSeparator());
    }

    @Test
    void everyLevelThreadIdMessageAndTimeAlike() {
        List<LoggingEvent> events = new ArrayList<>();
        String[] loggers = {AccessLog.LOGGER, "a", "io.userservice.app.AccessLog", "io.userservice.app.ManagementSrv",
                "io.userservice.app.UserServiceServer"};
        Level[] levels = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
        String[] ids = {null, "", "req-1", "x".repeat(128)};
        String[] messages = {"", "GET /users/{id} 404 0 ms", "Grüße – 名前 \u2028 line", "a {} b"};
        long[] times = {0, 999, 1_000, -1, 1_764_000_000_070L, 1_764_000_000_700L, 4_102_444_799_999L};
        int i = 0;
        for (String logger : loggers) {
            for (Level level : levels) {
                for (String id : ids) {
                    for (String message : messages) {
                        LoggingEvent event = event(logger, level, message, i % 2 == 0 ? "main" : "qtp-ünï 12", id);
                        event.setTimeStamp(times[i++ % times.length]);
                        events.add(event);
                    }
                }
            }
        }
        for (LoggingEvent event : events) {
            assertThat(text(direct.encode(event))).isEqualTo(text(pattern.encode(event)));
        }
    }

    @Test
    void aMessageWithArgumentsAndAnExceptionAlike() {
        LoggingEvent withArgs = event(AccessLog.LOGGER, Level.INFO, "a {} b {}", "main", "id");
        withArgs.setArgumentArray(new Object[] {"one", 2});
        LoggingEvent withException = new LoggingEvent("x", context.getLogger(AccessLog.LOGGER), Level.WARN,
                "failed", new IllegalStateException("boom"), null);
        withException.setThreadName("main");
        withException.setMDCPropertyMap(Map.of());

        assertThat(text(direct.encode(withArgs))).isEqualTo(text(pattern.encode(withArgs))).contains("a one b 2");
        assertThat(text(direct.encode(withException))).isEqualTo(text(pattern.encode(withException)))
                .contains("java.lang.IllegalStateException: boom");
    }

    private LoggingEvent event(String logger, Level level, String message, String thread, String id) {
        LoggingEvent event = new LoggingEvent("x", context.getLogger(logger), level, message, null, null);
        event.setThreadName(thread);
        Map<String, String> mdc = new HashMap<>();
        if (id != null) {
            mdc.put("requestId", id);
        }
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
