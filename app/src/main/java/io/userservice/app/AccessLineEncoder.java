package io.userservice.app;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import io.userservice.rest.RequestIds;
import java.nio.charset.Charset;
import java.time.ZoneId;

/**
 * The text encoder of the access log: the line {@link LogConfiguration#PATTERN} gives an event,
 * byte for byte, written directly rather than through the pattern layout's chain of converters,
 * since the access log writes one line for every request. An event the direct writing does not
 * cover (one with an exception, or a logger name of 30 characters or more, which the pattern
 * abbreviates) goes through the pattern layout itself.
 */
final class AccessLineEncoder extends EncoderBase<ILoggingEvent> {

    /** Below this length {@code %logger{30}} writes a logger's name unchanged. */
    private static final int ABBREVIATED_FROM = 30;

    private final PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    private final IsoTimeConverter.Seconds seconds = new IsoTimeConverter.Seconds(ZoneId.systemDefault());

    @Override
    public void start() {
        pattern.setContext(getContext());
        pattern.setPattern(LogConfiguration.PATTERN);
        pattern.start();
        super.start();
    }

    @Override
    public void stop() {
        pattern.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (event.getThrowableProxy() != null || logger.length() >= ABBREVIATED_FROM) {
            return pattern.encode(event);
        }
        String message = event.getFormattedMessage();
        StringBuilder line = new StringBuilder(96 + message.length());
        seconds.appendTo(line, event.getTimeStamp()).append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int pad = level.length(); pad < 5; pad++) {
            line.append(' ');
        }
        line.append(" [").append(event.getThreadName()).append("] ").append(logger);
        String id = event.getMDCPropertyMap().get(RequestIds.MDC_KEY);
        if (id != null && !id.isEmpty()) {
            line.append(' ').append(id);
        }
        line.append(" - ").append(message).append(CoreConstants.LINE_SEPARATOR);
        // the pattern encoder's own choice: its charset, else the platform's
        Charset charset = pattern.getCharset();
        String text = line.toString();
        return charset == null ? text.getBytes() : text.getBytes(charset);
    }
}
