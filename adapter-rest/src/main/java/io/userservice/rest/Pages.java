package io.userservice.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one layout of every hosted page: a centred card with the product's name (and logo), the
 * page's heading and content, and a footer leading back to the portal's home; one stylesheet,
 * served from this origin under a name with its content's digest (so it may be cached for a year);
 * and the headers every page sends. Everything inserted into a page is escaped.
 */
final class Pages {

    static final String STYLESHEET_PREFIX = "pages-";
    private static final String BASE_CSS = "/io/userservice/rest/pages/pages.css";

    private final Branding branding;
    private final PageTexts texts;
    private final String stylesheet;
    private final String stylesheetName;
    private final String contentSecurityPolicy;
    private final String scriptPolicy;
    private final String images;

    Pages(Branding branding, PageTexts texts) {
        this.branding = branding;
        this.texts = texts;
        this.stylesheet = stylesheetOf(branding);
        this.stylesheetName = STYLESHEET_PREFIX + digest(stylesheet) + ".css";
        this.images = branding.logoOrigin() == null ? "'self'" : "'self' " + branding.logoOrigin();
        this.contentSecurityPolicy = policy("'self'");
        this.scriptPolicy = "script-src 'self'; connect-src 'self'; " + contentSecurityPolicy;
    }

    PageTexts.Texts texts(String lang) {
        return texts.of(lang);
    }

    String productName() {
        return branding.productName();
    }

    String stylesheet() {
        return stylesheet;
    }

    String stylesheetName() {
        return stylesheetName;
    }

    /** A whole page: {@code title} and the product's name escaped, {@code body} as given (already escaped). */
    String page(PageTexts.Texts words, String lang, String title, String body) {
        String logo = branding.logoUrl() == null ? ""
                : "<img src=\"" + escape(branding.logoUrl()) + "\" alt=\"\" width=\"36\" height=\"36\">";
        return "<!DOCTYPE html>\n<html lang=\"" + escape(words.language()) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + " – " + escape(branding.productName()) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"/assets/" + stylesheetName + "\">\n"
                + "</head>\n<body>\n<main class=\"card\">\n"
                + "<div class=\"brand\">" + logo + "<span>" + escape(branding.productName()) + "</span></div>\n"
                + body
                + "<footer><a href=\"/" + escape(lang) + "/\">" + escape(words.get("page.home")) + "</a></footer>\n"
                + "</main>\n</body>\n</html>\n";
    }

    /** A message the page announces: {@code role="alert"} for errors, a status for information. */
    static String message(String id, String text, boolean error) {
        return "<p id=\"" + id + "\" class=\"message " + (error ? "error\" role=\"alert\"" : "info\" role=\"status\"")
                + ">" + escape(text) + "</p>\n";
    }

    /** The response for a page, with the headers every page sends. */
    Response.ResponseBuilder response(int status, String html) {
        return withHeaders(Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html));
    }

    /**
     * The response for a page that runs the passkey script: the same headers, with a policy that
     * lets it run scripts from this origin only (no inline script) and call this origin.
     */
    Response.ResponseBuilder responseWithScript(int status, String html) {
        return response(status, html).header("Content-Security-Policy", null)
                .header("Content-Security-Policy", scriptPolicy);
    }

    /** As {@link #responseWithScript(int, String)}, for a page whose form may end at {@code formTarget}. */
    Response.ResponseBuilder responseWithScript(int status, String html, URI formTarget) {
        String source = sourceOf(formTarget);
        return response(status, html).header("Content-Security-Policy", null).header("Content-Security-Policy",
                "script-src 'self'; connect-src 'self'; " + policy(source == null ? "'self'" : "'self' " + source));
    }

    /**
     * The response for a page whose form may end in a redirect to {@code formTarget} (a client's
     * registered redirect URI): browsers apply {@code form-action} to the redirects that follow a
     * form's submission, so that one origin (or a native app's scheme) is allowed besides this one.
     */
    Response.ResponseBuilder response(int status, String html, URI formTarget) {
        String source = sourceOf(formTarget);
        Response.ResponseBuilder response = response(status, html);
        if (source != null) {
            response.header("Content-Security-Policy", null).header("Content-Security-Policy", policy("'self' " + source));
        }
        return response;
    }

    private String policy(String formAction) {
        return "default-src 'none'; style-src 'self'; img-src " + images + "; form-action " + formAction
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /** The CSP source of a URI: its origin for http(s), its scheme for a native app's; null if neither is safe. */
    static String sourceOf(URI target) {
        if (target == null || target.getScheme() == null) {
            return null;
        }
        String scheme = target.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            return null;
        }
        if (scheme.equals("http") || scheme.equals("https")) {
            String authority = target.getRawAuthority();
            return authority == null || !authority.matches("[A-Za-z0-9.:\\[\\]-]+") ? null : scheme + "://" + authority;
        }
        return scheme + ":";
    }

    /** What every page sends: no referrer (links carry codes), no scripts, no framing, no caching. */
    Response.ResponseBuilder withHeaders(Response.ResponseBuilder response) {
        return response.header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store");
    }

    private static String stylesheetOf(Branding branding) {
        StringBuilder css = new StringBuilder(base());
        if (branding.primaryColor() != null) {
            String onPrimary = readableOn(branding.primaryColor());
            String rule = "--primary: " + branding.primaryColor() + "; --on-primary: " + onPrimary + ";";
            css.append("\n/* the product's primary colour, in both schemes */\n:root { ").append(rule).append(" }\n")
                    .append("@media (prefers-color-scheme: dark) { :root { ").append(rule).append(" } }\n");
        }
        if (branding.extraCss() != null) {
            css.append("\n/* the operator's theme (USERSVC_BRAND_CSS) */\n").append(branding.extraCss()).append('\n');
        }
        return css.toString();
    }

    private static String base() {
        try (InputStream in = Pages.class.getResourceAsStream(BASE_CSS)) {
            if (in == null) {
                throw new IllegalStateException("the pages' stylesheet is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the pages' stylesheet", e);
        }
    }

    /**
     * Black or white, whichever contrasts more with the colour (WCAG relative luminance); for any
     * colour one of them reaches at least 4.5:1.
     */
    static String readableOn(String hexColor) {
        double luminance = luminance(hexColor);
        double withWhite = 1.05 / (luminance + 0.05);
        double withBlack = (luminance + 0.05) / 0.05;
        return withWhite >= withBlack ? "#ffffff" : "#000000";
    }

    static double luminance(String hexColor) {
        double r = channel(Integer.parseInt(hexColor.substring(1, 3), 16));
        double g = channel(Integer.parseInt(hexColor.substring(3, 5), 16));
        double b = channel(Integer.parseInt(hexColor.substring(5, 7), 16));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
