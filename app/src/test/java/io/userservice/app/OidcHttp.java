package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An OpenID Connect client and a browser without cookies, over plain HTTP, for the server tests:
 * registers a client through the admin API, signs in on the sign-in page and redeems codes.
 */
final class OidcHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REDIRECT = "https://rp.example.org/callback";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String clientId;
    String clientSecret;

    /** Registers a confidential client through {@code /admin/clients}, signing in as the given administrator. */
    void register(String base, String adminEmail, String adminPassword, List<String> grantTypes) throws Exception {
        String admin = json(send(base, "POST", "/auth/login", "application/json",
                JSON.writeValueAsString(Map.of("email", adminEmail, "password", adminPassword)), Map.of()))
                .path("accessToken").asText();
        HttpResponse<String> created = send(base, "POST", "/admin/clients", "application/json",
                JSON.writeValueAsString(Map.of("name", "Wiki", "redirectUris", List.of(REDIRECT), "grantTypes", grantTypes)),
                Map.of("Authorization", "Bearer " + admin));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        clientId = json(created).path("clientId").asText();
        clientSecret = json(created).path("clientSecret").asText();
    }

    /** Signs in on the sign-in page (no session cookie is kept) and returns the code. */
    String authorize(String base, String email, String password, String verifier, String issuer) throws Exception {
        String query = "response_type=code&scope=openid%20email&client_id=" + clientId + "&redirect_uri="
                + encode(REDIRECT) + "&state=s1&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        HttpResponse<String> page = send(base, "GET", "/oidc/authorize?" + query, null, null, Map.of());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        fields.put("email", email);
        fields.put("password", password);
        HttpResponse<String> back = send(base, "POST", "/oidc/authorize/signin", "application/x-www-form-urlencoded",
                form(fields), Map.of());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").contains("&iss=" + encode(issuer));
        String codeParam = location.substring(location.indexOf("code=") + 5);
        return URLDecoder.decode(codeParam.substring(0, codeParam.indexOf('&')), StandardCharsets.UTF_8);
    }

    HttpResponse<String> redeem(String base, String code, String verifier) throws Exception {
        return send(base, "POST", "/oidc/token", "application/x-www-form-urlencoded", form(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier)),
                Map.of("Authorization", "Basic " + basic()));
    }

    HttpResponse<String> clientCredentials(String base) throws Exception {
        return send(base, "POST", "/oidc/token", "application/x-www-form-urlencoded", "grant_type=client_credentials",
                Map.of("Authorization", "Basic " + basic()));
    }

    private String basic() {
        return Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> send(String base, String method, String path, String contentType, String body,
                              Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
