package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The logging the server sets up in code: what its logback.xml used to say. */
class LogConfigurationTest {

    private final LoggerContext context = new LoggerContext();

    LogConfigurationTest() {
        LogConfiguration.configureInCode(context);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theRootLogsInfoToTheConsoleWithTheRequestIdAfterTheLoggerName() {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
        assertThat(console.isStarted()).isTrue();
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();

        Logger logger = context.getLogger("io.userservice.app.UserServiceServer");
        LoggingEvent withId = new LoggingEvent("x", logger, Level.INFO, "hello", null, null);
        withId.setThreadName("main");
        withId.setMDCPropertyMap(Map.of("requestId", "req-1"));
        LoggingEvent withoutId = new LoggingEvent("x", logger, Level.WARN, "hello", null, null);
        withoutId.setThreadName("main");
        withoutId.setMDCPropertyMap(Map.of());

        assertThat(new String(encoder.encode(withId), StandardCharsets.UTF_8))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[main\\]"
                        + " i\\.u\\.app\\.UserServiceServer req-1 - hello\\R");
        assertThat(new String(encoder.encode(withoutId), StandardCharsets.UTF_8))
                .matches(".* WARN  \\[main\\] i\\.u\\.app\\.UserServiceServer - hello\\R");
    }

    @Test
    void theAccessLogGoesThroughABufferOfItsOwnInTheSamePattern() {
        Logger access = context.getLogger(AccessLog.LOGGER);
        assertThat(access.getLevel()).isEqualTo(Level.INFO);
        assertThat(access.isAdditive()).isFalse();
        BufferedConsoleAppender<ILoggingEvent> buffered =
                (BufferedConsoleAppender<ILoggingEvent>) access.getAppender("ACCESS");
        assertThat(buffered.isStarted()).isTrue();
        assertThat(buffered.getFlushMillis()).isEqualTo(100);
        assertThat(buffered.getEncoder()).isInstanceOf(AccessLineEncoder.class);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ACCESS")).isNull();
    }

    @Test
    void librariesLogWarningsOnlyAndLevelsReachJavaUtilLogging() {
        for (String name : new String[] {"liquibase", "com.zaxxer.hikari", "org.glassfish", "org.jose4j"}) {
            assertThat(context.getLogger(name).getLevel()).as(name).isEqualTo(Level.WARN);
        }
        assertThat(context.getCopyOfListenerList()).anyMatch(LevelChangePropagator.class::isInstance);
        assertThat(java.util.logging.Logger.getLogger("org.glassfish").getLevel())
                .isEqualTo(java.util.logging.Level.WARNING);
    }
}
