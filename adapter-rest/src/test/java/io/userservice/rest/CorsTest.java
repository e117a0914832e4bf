package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.ThrottleSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CORS is off unless configured, then answers listed origins exactly and no one else. */
class CorsTest {

    private static final String APP = "https://app.example.com";

    private static RestFixture withOrigins(String... origins) {
        return new RestFixture(CoreSettings.defaults(), ThrottleSettings.defaults(), CorsOrigins.of(List.of(origins)));
    }

    private static RestFixture.Reply preflight(RestFixture api, String origin) {
        return api.send("OPTIONS", "/auth/login", null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"));
    }

    @Test
    void byDefaultNoResponseCarriesACorsHeader() {
        try (RestFixture api = new RestFixture()) {
            RestFixture.Reply simple = api.send("GET", "/health", null, null, Map.of("Origin", APP));
            RestFixture.Reply pre = preflight(api, APP);

            for (RestFixture.Reply reply : List.of(simple, pre)) {
                assertThat(reply.headers().map().keySet())
                        .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            }
        }
    }

    @Test
    void aListedOriginIsAnsweredWithItselfAndNeverAWildcardOrCredentials() {
        try (RestFixture api = withOrigins(APP, "http://localhost:3000")) {
            RestFixture.Reply reply = api.send("POST", "/auth/login", "application/json",
                    "{\"email\":\"a@example.com\",\"password\":\"whatever it is\"}", Map.of("Origin", APP));

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(reply.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
            assertThat(reply.header("Access-Control-Allow-Credentials")).isNull();
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void aListedOriginsPreflightIsAnsweredWithTheAllowedMethodsAndHeaders() {
        try (RestFixture api = withOrigins(APP)) {
            RestFixture.Reply reply = preflight(api, APP);

            assertThat(reply.status()).isEqualTo(204);
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(reply.header("Access-Control-Allow-Methods")).contains("POST").contains("GET");
            assertThat(reply.header("Access-Control-Allow-Headers")).containsIgnoringCase("content-type")
                    .containsIgnoringCase("authorization");
            assertThat(reply.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
        }
    }

    @Test
    void anUnlistedOriginIsNeverReflected() {
        try (RestFixture api = withOrigins(APP)) {
            for (String origin : List.of("https://evil.example", "https://app.example.com.evil.example",
                    "http://app.example.com", "https://APP.example.com", "null", "https://app.example.com/")) {
                RestFixture.Reply simple = api.send("GET", "/health", null, null, Map.of("Origin", origin));
                RestFixture.Reply pre = preflight(api, origin);

                assertThat(simple.header("Access-Control-Allow-Origin")).as(origin).isNull();
                assertThat(pre.header("Access-Control-Allow-Origin")).as(origin).isNull();
                assertThat(pre.header("Access-Control-Allow-Methods")).as(origin).isNull();
                assertThat(simple.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
            }
        }
    }

    @Test
    void wildcardsNullAndPathsCannotBeConfigured() {
        for (String bad : List.of("*", "null", "https://*.example.com", "https://app.example.com/path",
                "ftp://app.example.com", "https://App.example.com", "app.example.com")) {
            assertThatThrownBy(() -> CorsOrigins.of(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
