package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferedConsoleAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private BufferedConsoleAppender<ILoggingEvent> appender;

    private Logger logger(long flushMillis) {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender = new BufferedConsoleAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setFlushMillis(flushMillis);
        appender.setTarget(console);
        appender.start();
        Logger logger = context.getLogger("io.userservice.access");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        return logger;
    }

    private String written() {
        synchronized (console) {
            return console.toString(StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stop() {
        if (appender != null) {
            appender.stop();
        }
        context.stop();
    }

    @Test
    void aLineWaitsInTheBufferAndIsWrittenWithinTheFlushInterval() throws Exception {
        Logger logger = logger(50);

        logger.info("GET /user 200 1 ms");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!written().contains("GET /user 200 1 ms") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(written()).isEqualTo("GET /user 200 1 ms" + System.lineSeparator());
    }

    @Test
    void stoppingWritesOutWhatIsLeftAndKeepsTheConsoleOpen() {
        Logger logger = logger(60_000);
        logger.info("first");
        logger.info("second");

        assertThat(written()).isEmpty();

        appender.stop();

        assertThat(written()).isEqualTo("first" + System.lineSeparator() + "second" + System.lineSeparator());
        appender.start();
        logger.info("third");
        appender.stop();
        assertThat(written()).endsWith("third" + System.lineSeparator());
    }

    @Test
    void aFullBufferIsWrittenAtOnceWithoutWaitingForTheInterval() {
        Logger logger = logger(60_000);
        String line = "x".repeat(999);
        for (int i = 0; i < 2 * BufferedConsoleAppender.BUFFER_BYTES / 1000; i++) {
            logger.info(line);
        }
        assertThat(written().length()).isGreaterThanOrEqualTo(BufferedConsoleAppender.BUFFER_BYTES);
    }

    @Test
    void linesFromManyThreadsArriveWholeAndEachThreadsInItsOrder() throws Exception {
        Logger logger = logger(5);
        int threads = 8;
        int lines = 2_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < lines; i++) {
                    logger.info("thread {} line {} {}", id, i, "y".repeat(100));
                }
            });
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        appender.stop();

        List<String> all = Arrays.asList(written().split(System.lineSeparator()));
        assertThat(all).hasSize(threads * lines);
        assertThat(all).allMatch(l -> l.matches("thread \\d line \\d+ y{100}"));
        for (int t = 0; t < threads; t++) {
            String prefix = "thread " + t + " line ";
            List<Integer> order = all.stream().filter(l -> l.startsWith(prefix))
                    .map(l -> Integer.parseInt(l.substring(prefix.length(), l.indexOf(' ', prefix.length()))))
                    .toList();
            assertThat(order).isSorted().hasSize(lines);
        }
    }

    @Test
    void aFlushIntervalUnderOneMillisecondIsRefused() {
        BufferedConsoleAppender<ILoggingEvent> refused = new BufferedConsoleAppender<>();
        refused.setContext(context);
        refused.setFlushMillis(0);
        refused.start();
        assertThat(refused.isStarted()).isFalse();
    }
}
