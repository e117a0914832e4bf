package io.userservice.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.event.KeyValuePair;

/**
 * {@code USERSVC_LOG_FORMAT=json}: one JSON object a line with {@code timestamp} (ISO-8601 UTC),
 * {@code level}, {@code logger}, {@code message}, {@code thread}, {@code requestId} when the line
 * belongs to a request, the other MDC fields and key-value pairs (the access log's {@code method}, {@code route},
 * {@code status}, {@code durationMs}) and {@code exception}, the stack trace as one string field.
 * Jackson escapes every value, so a message cannot break the line or forge a field.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NONE = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            line.writeStringField("level", event.getLevel().toString());
            line.writeStringField("logger", event.getLoggerName());
            line.writeStringField("message", event.getFormattedMessage());
            line.writeStringField("thread", event.getThreadName());
            for (Map.Entry<String, String> field : fields(event).entrySet()) {
                if (!isReserved(field.getKey())) {
                    line.writeStringField(field.getKey(), field.getValue());
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeBytes(NEWLINE);
        return out.toByteArray();
    }

    /** The MDC fields and the event's key-value pairs, by name. */
    private static Map<String, String> fields(ILoggingEvent event) {
        Map<String, String> fields = new TreeMap<>();
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            fields.putAll(mdc);
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                fields.put(pair.key, String.valueOf(pair.value));
            }
        }
        return fields;
    }

    private static boolean isReserved(String name) {
        return switch (name) {
            case "timestamp", "level", "logger", "message", "thread", "exception" -> true;
            default -> false;
        };
    }
}
