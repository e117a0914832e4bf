package io.userservice.rest;

import java.net.URI;

/**
 * The origin of the configured public URL: the only one whose forms the pages accept, and
 * whether cookies must be Secure. Unknown (null) when no public URL was given.
 */
record FormOrigin(String origin) {

    static FormOrigin of(String publicUrl) {
        if (publicUrl == null) {
            return new FormOrigin(null);
        }
        URI uri = URI.create(publicUrl);
        return new FormOrigin(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /** Browsers send Origin with form posts; a missing one (older clients) is accepted. */
    boolean accepts(String requestOrigin) {
        return requestOrigin == null || origin == null || origin.equals(requestOrigin);
    }

    boolean isHttps() {
        return origin != null && origin.startsWith("https:");
    }
}
