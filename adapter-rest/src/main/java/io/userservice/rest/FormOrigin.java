package io.userservice.rest;

import java.net.URI;

/**
 * The origin of the configured public URL: the only one whose forms the pages accept, and
 * whether cookies must be Secure. Unknown (null) when no public URL was given; then no form is
 * accepted at all, since there is no origin to compare with.
 */
record FormOrigin(String origin) {

    static FormOrigin of(String publicUrl) {
        if (publicUrl == null) {
            return new FormOrigin(null);
        }
        URI uri = URI.create(publicUrl);
        return new FormOrigin(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * Browsers send Origin with form posts; a missing one (older clients) is accepted. Pages sent
     * with {@code Referrer-Policy: no-referrer} make browsers send {@code Origin: null} for their
     * own forms, so {@code null} is accepted when the browser also says the request comes from
     * the same origin ({@code Sec-Fetch-Site}, which no page can set or forge). A browser that
     * says the request comes from another site is believed, whatever the Origin says.
     */
    boolean accepts(String requestOrigin, String fetchSite) {
        if (origin == null) {
            return false;
        }
        if (fetchSite != null && !"same-origin".equals(fetchSite) && !"none".equals(fetchSite)) {
            return false;
        }
        if (requestOrigin == null || origin.equals(requestOrigin)) {
            return true;
        }
        return "null".equals(requestOrigin) && "same-origin".equals(fetchSite);
    }

    boolean isHttps() {
        return origin != null && origin.startsWith("https:");
    }
}
