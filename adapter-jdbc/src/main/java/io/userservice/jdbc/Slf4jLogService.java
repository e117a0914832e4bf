package io.userservice.jdbc;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Liquibase's log, sent to SLF4J. Liquibase reports every step of every start at INFO; for this
 * service that is detail, so its INFO becomes DEBUG. Warnings and errors keep their level.
 */
final class Slf4jLogService extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    @SuppressWarnings("rawtypes") // as declared by Liquibase's LogService
    public Logger getLog(Class clazz) {
        return new Slf4jLogger(LoggerFactory.getLogger(clazz));
    }

    private static final class Slf4jLogger extends AbstractLogger {

        private final org.slf4j.Logger log;

        Slf4jLogger(org.slf4j.Logger log) {
            this.log = log;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            if (level == Level.OFF) {
                return;
            }
            int severity = level.intValue();
            if (severity >= Level.SEVERE.intValue()) {
                log.error(message, e);
            } else if (severity >= Level.WARNING.intValue()) {
                log.warn(message, e);
            } else if (severity >= Level.INFO.intValue()) {
                log.debug(message, e);
            } else {
                log.trace(message, e);
            }
        }

        @Override
        public void close() {
            // nothing to release: SLF4J owns the logger
        }
    }
}
