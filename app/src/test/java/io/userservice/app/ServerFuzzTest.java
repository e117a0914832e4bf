package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random methods, paths and query strings against the full server, sent over a raw socket so the
 * request line reaches the server exactly as generated (dot segments, encoded slashes and NULs
 * included). Whether the application or the HTTP container answers, every answer is a success or a
 * 4xx with the JSON error shape of its API, never a 5xx, never an HTML error page.
 */
class ServerFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static UserServiceServer server;

    @BeforeContainer
    static void start() {
        server = UserServiceServer.start(AppConfig.from(Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:fuzz-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", "https://id.example.com", "USERSVC_MODE", "development",
                "USERSVC_BCRYPT_COST", "4")));
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static Answer send(String method, String target, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = raw.indexOf("\r\n\r\n");
            String headers = raw.substring(0, headEnd).toLowerCase(Locale.ROOT);
            String payload = raw.substring(headEnd + 4);
            if (headers.contains("transfer-encoding: chunked")) {
                payload = payload.substring(payload.indexOf("\r\n") + 2, Math.max(payload.lastIndexOf("}") + 1,
                        payload.indexOf("\r\n") + 2));
            }
            String type = headers.lines().filter(l -> l.startsWith("content-type:")).findFirst()
                    .map(l -> l.substring(13).strip()).orElse(null);
            return new Answer(Integer.parseInt(raw.substring(9, 12)), type, payload);
        }
    }

    private static void assertWellFormed(String request, Answer answer) throws IOException {
        assertThat(answer.status()).as(request + " -> " + answer.body()).isBetween(200, 499);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at io.userservice")
                .doesNotContainIgnoringCase("jetty");
        if (answer.status() >= 400 && !request.startsWith("HEAD")) {
            assertThat(answer.contentType()).as(request).startsWith("application/json");
            JsonNode json = JSON.readTree(answer.body());
            boolean nativeError = "error".equals(json.path("status").asText())
                    && json.path("error").path("code").isTextual() && json.path("error").path("message").isTextual();
            boolean nexudusError = json.has("WasSuccessful") && !json.path("WasSuccessful").asBoolean(true);
            assertThat(nativeError || nexudusError).as(request + " -> " + answer.body()).isTrue();
        }
    }

    @Example
    void ambiguousPathsAnswerWithTheJsonErrorShape() throws IOException {
        for (String target : List.of("/..", "/users/%2F..", "/%2e%2e/%2e%2e/etc/passwd", "/user/attributes/a%00b",
                "/en/user/%5C..%5C")) {
            assertWellFormed("GET " + target, send("GET", target, null));
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void randomPathsAndQueriesNeverCauseAServerError(@ForAll("methods") String method, @ForAll("paths") String path,
                                                     @ForAll("queries") String query, @ForAll boolean withBody)
            throws IOException {
        String target = path + (query.isEmpty() ? "" : "?" + query);

        assertWellFormed(method + " " + target, send(method, target, withBody ? "{\"email\":\"x@example.com\"}" : null));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> known = Arbitraries.of("users", "user", "auth", "login", "token", "attributes", "profile",
                "name", "api", "sys", "admin", "audit", "en", "pt-BR", "me", "exists", "confirm", "resetPassword",
                "refresh", "health", "ready", ".well-known", "jwks.json", "..", ".", "%2e%2e", "%2F", "%5C", "%00",
                "%ff", "1", "-1", "99999999999999999999", "deactivate", "roles", "admin");
        Arbitrary<String> random = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        return Arbitraries.oneOf(known, known, random).list().ofMinSize(1).ofMaxSize(5)
                .map(segments -> "/" + String.join("/", segments));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("email", "redirectUrl", "offset", "limit", "error",
                "info", "t", "code", "x"), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("", "-1", "0", "2147483648", "a%40b.co", "%00",
                "%0d%0a", "%27--", "%2F%2Fevil.example.com", "%ZZ"), Arbitraries.strings().alpha().numeric().ofMaxLength(10));
        return Combinators.combine(name, value).as((n, v) -> n + "=" + v).list().ofMaxSize(3)
                .map(pairs -> String.join("&", pairs));
    }
}
