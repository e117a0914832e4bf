package io.userservice.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How the server logs: {@code USERSVC_LOG_FORMAT} ({@code text}, the default, or {@code json},
 * see {@link JsonLogEncoder}) and {@code USERSVC_ACCESS_LOG} (one line a request, on by default).
 */
record LogSettings(Format format, boolean accessLog) {

    enum Format { TEXT, JSON }

    static LogSettings read(Settings s) {
        String format = s.text("USERSVC_LOG_FORMAT", "text");
        Format parsed = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new ConfigException("USERSVC_LOG_FORMAT must be text or json, not '" + format + "'");
        };
        return new LogSettings(parsed, s.bool("USERSVC_ACCESS_LOG", true));
    }

    /**
     * Gives every appender of the root logger and of the access log the JSON encoder when the
     * format is JSON; the text
     * format is logback.xml's (the request id, when there is one, follows the logger's name).
     */
    void apply() {
        if (format != Format.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (String logger : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, AccessLog.LOGGER}) {
            Iterator<Appender<ILoggingEvent>> appenders = context.getLogger(logger).iteratorForAppenders();
            while (appenders.hasNext()) {
                if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                    JsonLogEncoder encoder = new JsonLogEncoder();
                    encoder.setContext(context);
                    encoder.start();
                    appender.stop();
                    appender.setEncoder(encoder);
                    appender.start();
                }
            }
        }
    }
}
