package io.userservice.rest;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Request ids ({@code X-Request-Id}): the client's own when it is well-formed, at most 128
 * characters from a safe set (letters, digits and {@code . _ : / + = -}), else a new random one.
 * The id of the request a thread serves is in the SLF4J MDC under {@value #MDC_KEY}, so log lines,
 * JSON error bodies and audit records carry it.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** The request property that holds the id while Jersey serves the request. */
    public static final String PROPERTY = "io.userservice.requestId";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

    private RequestIds() {
    }

    /** The client's id when it is well-formed, else a new one; never an unsafe string. */
    public static String acceptOrGenerate(String given) {
        if (given != null && SAFE.matcher(given).matches()) {
            return given;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request this thread serves, if any; the core's request id source is {@code RequestIds::current}. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }
}
