package io.userservice.rest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the provider's pages need one: it keeps cookies (also Secure ones, as a
 * browser does for the https public URL this server stands behind), follows no redirect by
 * itself, and sends forms as the pages' own (same-origin).
 */
final class OidcBrowser {

    private static final Pattern SET_COOKIE = Pattern.compile("^([^=]+)=([^;]*)");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    OidcBrowser(String base) {
        this.base = base;
    }

    record Page(int status, String body, String location) {
        /** The hidden fields of the page's form. */
        Map<String, String> hidden() {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = HIDDEN.matcher(body);
            while (m.find()) {
                fields.put(unescape(m.group(1)), unescape(m.group(2)));
            }
            return fields;
        }
    }

    Page get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    Page post(String path, Map<String, String> fields) {
        return post(path, fields, Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null"));
    }

    Page post(String path, Map<String, String> fields, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        headers.forEach(request::header);
        return send(request);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Page send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                Matcher m = SET_COOKIE.matcher(header);
                if (m.find()) {
                    if (m.group(2).isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                        cookies.remove(m.group(1).strip());
                    } else {
                        cookies.put(m.group(1).strip(), m.group(2));
                    }
                }
            }
            return new Page(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
