package io.userservice.rest;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Decides where a browser may be sent after signing in: only to a relative path on this host.
 * Anything that could leave the host ({@code //host}, {@code /\host}, a scheme, control
 * characters such as an encoded CR/LF) falls back to the given page.
 */
final class SafeRedirect {

    private static final int MAX_LENGTH = 2048;

    private SafeRedirect() {
    }

    static String target(String requested, String fallback) {
        if (requested == null || requested.isEmpty() || requested.length() > MAX_LENGTH
                || requested.charAt(0) != '/' || requested.startsWith("//")) {
            return fallback;
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return fallback;
            }
        }
        try {
            URI uri = new URI(requested);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/")) {
                return fallback;
            }
        } catch (URISyntaxException e) {
            return fallback;
        }
        return requested;
    }
}
