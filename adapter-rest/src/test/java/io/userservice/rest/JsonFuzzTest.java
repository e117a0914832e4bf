package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random JSON at every JSON endpoint: every answer is a success (2xx or 3xx) or a 4xx with the
 * error shape of its API, never a 5xx. (Random paths and query strings go to the full server, in
 * the app's {@code ServerFuzzTest}, where the HTTP container's own refusals are covered too.) Bodies are random
 * objects, arrays and scalars, strings with control and non-ASCII characters, known field names
 * with values of any type, and truncated documents. The number of tries is bounded so the run
 * takes seconds.
 */
class JsonFuzzTest {

    private static final String PASSWORD = "correct horse";
    private static final List<String> FIELD_NAMES = List.of("email", "password", "firstname", "lastname", "language",
            "code", "refreshToken", "attributeKey", "attributeText", "validityInMinutes", "Email", "Password", "auth",
            "roles", "confirmed", "permissionLevel", "id");

    private static RestFixture api;
    private static String accessToken;
    private static long userId;

    private record Endpoint(String method, String path) {
    }

    private static final List<Endpoint> JSON_ENDPOINTS = List.of(
            new Endpoint("POST", "/users"),
            new Endpoint("POST", "/users/confirm"),
            new Endpoint("POST", "/auth/login"),
            new Endpoint("POST", "/auth/token"),
            new Endpoint("POST", "/auth/logout"),
            new Endpoint("POST", "/users/password/reset"),
            new Endpoint("POST", "/users/password/reset/complete"),
            new Endpoint("PUT", "/user/name"),
            new Endpoint("POST", "/user/attributes"),
            new Endpoint("POST", "/api/sys/users/token"),
            new Endpoint("POST", "/api/sys/users/validate"),
            new Endpoint("POST", "/api/sys/users/{id}/token/refresh"),
            new Endpoint("POST", "/admin/users/{id}/deactivate"));

    @BeforeContainer
    static void start() {
        api = new RestFixture();
        RestFixture.Reply login = api.signedIn("fuzz@example.com", PASSWORD);
        accessToken = login.json().path("accessToken").asText();
        userId = login.json().path("user").path("id").asLong();
    }

    @AfterContainer
    static void stop() {
        api.close();
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void randomJsonBodiesNeverCauseAServerError(@ForAll("endpoints") Endpoint endpoint, @ForAll("bodies") String body,
                                                @ForAll boolean authenticated) {
        Map<String, String> headers = new HashMap<>();
        if (authenticated) {
            headers.put("Authorization", "Bearer " + accessToken);
        }
        String path = endpoint.path().replace("{id}", Long.toString(userId));

        assertWellFormed(api.send(endpoint.method(), path, "application/json", body, headers));
    }

    private static void assertWellFormed(RestFixture.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 499);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.userservice");
        if (reply.status() >= 400) {
            String type = reply.header("Content-Type");
            assertThat(type).as("content type of a %d", reply.status()).startsWith("application/json");
            if (reply.body().isEmpty()) {
                return;
            }
            JsonNode json = reply.json();
            boolean nativeError = "error".equals(json.path("status").asText())
                    && json.path("error").path("code").isTextual() && json.path("error").path("message").isTextual();
            boolean nexudusError = json.has("WasSuccessful") && !json.path("WasSuccessful").asBoolean(true)
                    && json.path("Message").isTextual();
            assertThat(nativeError || nexudusError).as(reply.body()).isTrue();
        }
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        return Arbitraries.of(JSON_ENDPOINTS);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> document = value(3);
        Arbitrary<String> truncated = document.filter(d -> d.length() > 1)
                .flatMap(d -> Arbitraries.integers().between(1, d.length() - 1).map(cut -> d.substring(0, cut)));
        Arbitrary<String> knownFields = Combinators.combine(Arbitraries.of(FIELD_NAMES).list().ofMinSize(1).ofMaxSize(4),
                value(1).list().ofSize(4)).as(JsonFuzzTest::objectOf);
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(60);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, knownFields),
                net.jqwik.api.Tuple.of(3, document),
                net.jqwik.api.Tuple.of(2, truncated),
                net.jqwik.api.Tuple.of(1, garbage));
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                strings().map(JsonFuzzTest::quoted),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1e999", "-0", "123456789012345678901234567890", "0.1e-400"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                .map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), strings()).list().ofMaxSize(4),
                Arbitraries.lazy(() -> value(depth - 1)).list().ofSize(4)).as(JsonFuzzTest::objectOf);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar),
                net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(2, object));
    }

    private static Arbitrary<String> strings() {
        Arbitrary<String> special = Arbitraries.strings()
                .withChars('\u0000', '\r', '\n', '\t', '"', '\\', '\'', '\u202e', '\u200b', '\u0430', 'é', '\uffff',
                        '<', '>', '%', ';', '@', 'a', 'Z', '0')
                .ofMaxLength(30);
        return Arbitraries.oneOf(special, Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("a@example.com", "fuzz@example.com", "correct horse", "en", "pt-BR", "o'brien"));
    }

    private static String objectOf(List<String> keys, List<String> values) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quoted(keys.get(i))).append(':').append(values.get(i % values.size()));
        }
        return json.append('}').toString();
    }

    private static String quoted(String text) {
        try {
            return RestFixture.JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
