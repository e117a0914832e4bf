package io.userservice.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's logging, set up in code rather than read from a {@code logback.xml}: reading XML
 * loads several hundred classes of logback's configuration language and of the JDK's XML parser
 * at every start. Logback finds this class through {@code META-INF/services} before it looks for
 * a file.
 *
 * <ul>
 *   <li>{@code STDOUT}: the console, one line an event ({@link #PATTERN}; the request id, when
 *       there is one, follows the logger's name). {@link LogSettings#apply} gives it the JSON
 *       encoder when {@code USERSVC_LOG_FORMAT=json}.</li>
 *   <li>{@code ACCESS}: the access log ({@code io.userservice.access}, not passed on to the root)
 *       goes through a buffer of its own ({@link BufferedConsoleAppender}), written out when full
 *       and every {@value #ACCESS_FLUSH_MILLIS} ms, in the same pattern, written by
 *       {@link AccessLineEncoder}; {@link LogSettings#apply}
 *       gives it the JSON encoder too.</li>
 *   <li>Levels: {@code INFO}, and {@code WARN} for Liquibase, HikariCP, Jersey and jose4j. Level
 *       changes reach {@code java.util.logging} (Jersey and Jetty log there, bridged to SLF4J).</li>
 * </ul>
 *
 * <p>A configuration file still wins: with {@code -Dlogback.configurationFile=…}, or a
 * {@code logback.xml} or {@code logback-test.xml} on the class path (the tests' own), logback
 * reads that file as it always did.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    /**
     * The line: {@code %isoTime} is {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}} formatted once a second
     * ({@link IsoTimeConverter}), {@code %requestId} a space and the request id when there is one.
     */
    static final String PATTERN = "%" + IsoTimeConverter.WORD + " %-5level [%thread] %logger{30}"
            + "%" + RequestIdConverter.WORD + " - %msg%n";
    static final long ACCESS_FLUSH_MILLIS = 100;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (aFileIsGiven()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureInCode(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The appenders and levels above, on {@code context}. */
    static void configureInCode(LoggerContext context) {
        Map<String, String> words = patternWords(context);
        words.put(IsoTimeConverter.WORD, IsoTimeConverter.class.getName());
        words.put(RequestIdConverter.WORD, RequestIdConverter.class.getName());
        LevelChangePropagator julLevels = new LevelChangePropagator();
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(patternEncoder(context));
        console.start();

        BufferedConsoleAppender<ILoggingEvent> access = new BufferedConsoleAppender<>();
        access.setContext(context);
        access.setName("ACCESS");
        access.setFlushMillis(ACCESS_FLUSH_MILLIS);
        AccessLineEncoder line = new AccessLineEncoder();
        line.setContext(context);
        line.start();
        access.setEncoder(line);
        access.start();

        Logger accessLogger = context.getLogger(AccessLog.LOGGER);
        accessLogger.setLevel(Level.INFO);
        accessLogger.setAdditive(false);
        accessLogger.addAppender(access);
        for (String quieter : new String[] {"liquibase", "com.zaxxer.hikari", "org.glassfish", "org.jose4j"}) {
            context.getLogger(quieter).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
    }

    /** The context's own conversion words, which every pattern layout of the context reads. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> patternWords(LoggerContext context) {
        Object words = context.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
        if (words instanceof Map<?, ?> map) {
            return (Map<String, String>) map;
        }
        Map<String, String> created = new HashMap<>();
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, created);
        return created;
    }

    private static PatternLayoutEncoder patternEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    /** Whether the operator or the class path names a configuration file, which logback then reads. */
    private static boolean aFileIsGiven() {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
            return true;
        }
        ClassLoader loader = LogConfiguration.class.getClassLoader();
        return loader.getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null
                || loader.getResource(ContextInitializer.AUTOCONFIG_FILE) != null;
    }
}
