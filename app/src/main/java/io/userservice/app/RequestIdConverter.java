package io.userservice.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.userservice.rest.RequestIds;

/**
 * {@code %requestId} in a log pattern: a space and the request id of the line (its
 * {@code requestId} MDC entry), or nothing when the line belongs to no request. The same as
 * {@code %replace( %X{requestId}){'^ $', ''}} without a regular expression on every line.
 */
public final class RequestIdConverter extends ClassicConverter {

    /** The conversion word. */
    static final String WORD = "requestId";

    @Override
    public String convert(ILoggingEvent event) {
        String id = event.getMDCPropertyMap().get(RequestIds.MDC_KEY);
        return id == null || id.isEmpty() ? "" : " " + id;
    }
}
