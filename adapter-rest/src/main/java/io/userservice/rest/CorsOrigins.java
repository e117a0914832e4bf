package io.userservice.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The origins allowed to call the API from a browser: each {@code scheme://host[:port]}, exactly
 * as a browser sends it in the {@code Origin} header. Wildcards and {@code null} are refused.
 */
public final class CorsOrigins {

    private final Set<String> origins;

    private CorsOrigins(Set<String> origins) {
        this.origins = origins;
    }

    /**
     * @throws IllegalArgumentException for anything that is not an http(s) origin
     */
    public static CorsOrigins of(Collection<String> origins) {
        Set<String> checked = new LinkedHashSet<>();
        for (String origin : origins) {
            checked.add(check(origin.strip()));
        }
        return new CorsOrigins(Set.copyOf(checked));
    }

    public static CorsOrigins none() {
        return new CorsOrigins(Set.of());
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    private static String check(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
                    || !origin.equals(origin.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + origin + "' is not an origin such as https://app.example.com"
                        + " (lower case, no path, no wildcard)");
            }
            return origin;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + origin + "' is not an origin such as https://app.example.com");
        }
    }

    @Override
    public String toString() {
        return String.join(",", origins);
    }
}
