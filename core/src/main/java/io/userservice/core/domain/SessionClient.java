package io.userservice.core.domain;

/**
 * Where a request came from, as a session remembers it: the client address and the browser's or
 * app's {@code User-Agent}. Both may be unknown (null). The user agent is kept to at most
 * {@value #MAX_USER_AGENT} characters, without control characters, since it is whatever the client said.
 */
public record SessionClient(String address, String userAgent) {

    public static final int MAX_USER_AGENT = 255;
    public static final int MAX_ADDRESS = 64;

    public SessionClient {
        address = clean(address, MAX_ADDRESS);
        userAgent = clean(userAgent, MAX_USER_AGENT);
    }

    /** The client at this address with this user agent (null when unknown). */
    public static SessionClient of(ClientAddress address, String userAgent) {
        return new SessionClient(address.value().orElse(null), userAgent);
    }

    /** The address as a value, {@link ClientAddress#unknown()} when none is known. */
    public ClientAddress clientAddress() {
        return address == null ? ClientAddress.unknown() : ClientAddress.of(address);
    }

    /** A client nothing is known about (embedded use). */
    public static SessionClient unknown() {
        return new SessionClient(null, null);
    }

    private static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().filter(c -> !Character.isISOControl(c) && c != '\u2028' && c != '\u2029')
                .forEach(c -> {
                    if (out.length() + Character.charCount(c) <= max) {
                        out.appendCodePoint(c);
                    }
                });
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
