package io.userservice.rest;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
        // a correlation id, not a secret: a version 4 UUID from the thread's own generator, which
        // unlike UUID.randomUUID() never waits on the shared SecureRandom
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id of the request this thread serves, if any; the core's request id source is {@code RequestIds::current}. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }
}
