package io.userservice.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the hosted pages look for the operator's product: its name, an optional logo (a path on this
 * origin, or an https URL the Content-Security-Policy then allows images from), an optional primary
 * colour for buttons, and optional CSS rules appended to the pages' stylesheet for a full theme.
 */
public record Branding(String productName, String logoUrl, String primaryColor, String extraCss) {

    public static final String DEFAULT_PRODUCT_NAME = "User Service";
    private static final Pattern HEX_COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final int MAX_CSS_CHARS = 256 * 1024;

    /**
     * @throws IllegalArgumentException with a message starting with the part that is wrong
     *                                  ({@code product name}, {@code logo}, {@code primary colour},
     *                                  {@code CSS})
     */
    public Branding {
        if (productName == null || productName.isBlank() || productName.length() > 100
                || productName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("product name: 1 to 100 characters without control characters");
        }
        if (logoUrl != null && originOf(logoUrl) == null && !isLocalPath(logoUrl)) {
            throw new IllegalArgumentException("logo: a path on this origin such as /assets/logo.svg, or an https URL,"
                    + " not '" + logoUrl + "'");
        }
        if (primaryColor != null && !HEX_COLOR.matcher(primaryColor).matches()) {
            throw new IllegalArgumentException("primary colour: a hex colour such as #0b5cad, not '" + primaryColor + "'");
        }
        if (extraCss != null && (extraCss.length() > MAX_CSS_CHARS || extraCss.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("CSS: at most " + MAX_CSS_CHARS + " characters of text");
        }
        primaryColor = primaryColor == null ? null : expanded(primaryColor.toLowerCase(Locale.ROOT));
    }

    /** The product's name, no logo, no colour, no extra rules. */
    public static Branding defaults() {
        return named(DEFAULT_PRODUCT_NAME);
    }

    public static Branding named(String productName) {
        return new Branding(productName, null, null, null);
    }

    /** The origin images may come from besides this one, or null. */
    String logoOrigin() {
        return logoUrl == null ? null : originOf(logoUrl);
    }

    private static boolean isLocalPath(String url) {
        return url.startsWith("/") && !url.startsWith("//") && url.indexOf('\\') < 0
                && url.chars().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c) || c == '"'
                || c == '\'' || c == '<' || c == '>') && url.length() <= 1024;
    }

    /** {@code https://host[:port]} of an absolute https URL, else null. */
    private static String originOf(String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null
                    || url.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
                return null;
            }
            return "https://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String expanded(String color) {
        if (color.length() == 4) {
            return "#" + color.charAt(1) + color.charAt(1) + color.charAt(2) + color.charAt(2) + color.charAt(3)
                    + color.charAt(3);
        }
        return color;
    }
}
