package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.settings.CoreSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /admin/clients}: the OpenID Connect client registry, for administrators only. */
class AdminClientsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Map<String, Object> WIKI = Map.of("name", "Team wiki",
            "redirectUris", List.of("https://wiki.example.com/callback"),
            "postLogoutRedirectUris", List.of("https://wiki.example.com/"),
            "grantTypes", List.of("authorization_code", "refresh_token", "client_credentials"),
            "public", false, "requireConsent", false);

    private RestFixture api;
    private String admin;
    private String member;

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false));
        admin = token("admin@example.com", true);
        member = token("member@example.com", false);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String token(String email, boolean isAdmin) {
        String first = api.signedIn(email, PASSWORD).json().path("accessToken").asText();
        if (isAdmin) {
            long id = api.get("/user", first).json().path("user").path("id").asLong();
            api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), id, Role.ADMIN, true, ClientAddress.unknown()));
            return api.post("/auth/login", Map.of("email", email, "password", PASSWORD)).json().path("accessToken").asText();
        }
        return first;
    }

    private RestFixture.Reply clientCredentials(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return api.send("POST", "/oidc/token", "application/x-www-form-urlencoded", "grant_type=client_credentials",
                Map.of("Authorization", "Basic " + basic));
    }

    @Test
    void onlyAnAdministratorWithTheirOwnTokenManagesClients() {
        assertThat(api.post("/admin/clients", WIKI).status()).isEqualTo(401);
        assertThat(api.post("/admin/clients", WIKI, member).status()).isEqualTo(403);
        assertThat(api.get("/admin/clients", member).status()).isEqualTo(403);
        String clientId = api.post("/admin/clients", WIKI, admin).json().path("clientId").asText();
        assertThat(api.delete("/admin/clients/" + clientId, member).status()).isEqualTo(403);
        assertThat(api.send("POST", "/admin/clients/" + clientId + "/secret", null, null,
                Map.of("Authorization", "Bearer " + member)).status()).isEqualTo(403);
        assertThat(api.send("PATCH", "/admin/clients/" + clientId, "application/json", "{\"name\":\"Mine now\"}",
                Map.of("Authorization", "Bearer " + member)).status()).isEqualTo(403);

        long memberId = api.get("/user", member).json().path("user").path("id").asLong();
        String onBehalf = api.send("GET", "/api/sys/users/" + memberId + "/token/refresh", null, null,
                Map.of("Authorization", "Bearer " + admin)).json().path("Value").asText();
        assertThat(api.get("/admin/clients", onBehalf).status()).as("an act token never administers").isEqualTo(403);
    }

    @Test
    void theSecretIsShownOnceOnlyItsDigestIsKeptAndRotationEndsTheOldOne() {
        RestFixture.Reply created = api.post("/admin/clients", WIKI, admin);
        assertThat(created.status()).isEqualTo(201);
        String clientId = created.json().path("clientId").asText();
        String secret = created.json().path("clientSecret").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        JsonNode listed = api.get("/admin/clients", admin).json();
        assertThat(listed.toString()).doesNotContain(secret).doesNotContain("ecret");
        JsonNode one = api.get("/admin/clients/" + clientId, admin).json();
        assertThat(one.path("name").asText()).isEqualTo("Team wiki");
        assertThat(one.path("public").asBoolean()).isFalse();
        assertThat(one.path("redirectUris").get(0).asText()).isEqualTo("https://wiki.example.com/callback");
        assertThat(api.memory.auditLog().newest(null, 100)).extracting(entry -> entry.event().action() + " "
                + entry.event().detail()).contains("oidc client changed registered " + clientId)
                .noneMatch(line -> line.contains(secret));
        assertThat(clientCredentials(clientId, secret).status()).isEqualTo(200);

        RestFixture.Reply rotated = api.send("POST", "/admin/clients/" + clientId + "/secret", null, null,
                Map.of("Authorization", "Bearer " + admin));
        String newSecret = rotated.json().path("clientSecret").asText();

        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(clientCredentials(clientId, secret).status()).isEqualTo(401);
        assertThat(clientCredentials(clientId, newSecret).status()).isEqualTo(200);
    }

    @Test
    void aPublicClientHasNoSecretAndCannotRotateOne() {
        RestFixture.Reply created = api.post("/admin/clients", Map.of("name", "Phone app",
                "redirectUris", List.of("com.example.app:/callback", "http://127.0.0.1:8765/cb"), "public", true), admin);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().has("clientSecret")).isFalse();
        String clientId = created.json().path("clientId").asText();
        assertThat(api.send("POST", "/admin/clients/" + clientId + "/secret", null, null,
                Map.of("Authorization", "Bearer " + admin)).status()).isEqualTo(422);
        assertThat(api.post("/admin/clients", Map.of("name", "Bad app", "redirectUris",
                List.of("com.example.app:/callback"), "public", true, "grantTypes", List.of("client_credentials")),
                admin).status()).isEqualTo(422);
    }

    @Test
    void unsafeRedirectUrisAreRefusedAtRegistrationAndOnChange() {
        for (String uri : List.of("http://wiki.example.com/callback", "https://wiki.example.com/cb#frag", "/relative",
                "javascript:alert(1)", "data:text/html,hi", "https://user@wiki.example.com/cb", "myapp:/cb",
                "https://wiki.example.com/a b", "")) {
            RestFixture.Reply reply = api.post("/admin/clients", Map.of("name", "X", "redirectUris", List.of(uri)), admin);
            assertThat(reply.status()).as(uri).isEqualTo(422);
            assertThat(reply.errorCode()).as(uri).isEqualTo("invalid_client_metadata");
        }
        assertThat(api.post("/admin/clients", Map.of("name", "No redirect"), admin).status()).isEqualTo(422);
        assertThat(api.post("/admin/clients", Map.of("name", "X", "redirectUris", List.of("https://a.example/cb"),
                "grantTypes", List.of("password")), admin).status()).isEqualTo(422);
        String clientId = api.post("/admin/clients", WIKI, admin).json().path("clientId").asText();
        assertThat(api.send("PATCH", "/admin/clients/" + clientId, "application/json",
                "{\"redirectUris\":[\"http://evil.example.net/\"]}", Map.of("Authorization", "Bearer " + admin))
                .status()).isEqualTo(422);
        assertThat(api.get("/admin/clients/" + clientId, admin).json().path("redirectUris").get(0).asText())
                .isEqualTo("https://wiki.example.com/callback");
    }

    @Test
    void aChangeKeepsWhatItDoesNotNameAndADeletedClientsTokensStopAtOnce() {
        RestFixture.Reply created = api.post("/admin/clients", WIKI, admin);
        String clientId = created.json().path("clientId").asText();
        String secret = created.json().path("clientSecret").asText();

        RestFixture.Reply changed = api.send("PATCH", "/admin/clients/" + clientId, "application/json",
                "{\"name\":\"Wiki\",\"requireConsent\":true}", Map.of("Authorization", "Bearer " + admin));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("name").asText()).isEqualTo("Wiki");
        assertThat(changed.json().path("requireConsent").asBoolean()).isTrue();
        assertThat(changed.json().path("postLogoutRedirectUris").get(0).asText()).isEqualTo("https://wiki.example.com/");
        String serviceToken = clientCredentials(clientId, secret).json().path("access_token").asText();

        assertThat(api.delete("/admin/clients/" + clientId, admin).status()).isEqualTo(204);

        assertThat(api.get("/admin/clients/" + clientId, admin).status()).isEqualTo(404);
        assertThat(api.delete("/admin/clients/" + clientId, admin).status()).isEqualTo(404);
        assertThat(clientCredentials(clientId, secret).status()).isEqualTo(401);
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        assertThat(api.send("POST", "/oidc/introspect", "application/x-www-form-urlencoded", "token=" + serviceToken,
                Map.of("Authorization", "Basic " + basic)).status()).isEqualTo(401);
    }

    private static Map<String, Object> wikiWith(String field, Object value) {
        Map<String, Object> body = new java.util.HashMap<>(WIKI);
        body.put(field, value);
        return body;
    }

    @Test
    void badScopesAndLifetimesAreRefusedAtRegistrationAndOnChange() {
        for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(
                Map.entry("scopes", List.of("openid", "admin")),
                Map.entry("scopes", List.of("email")),
                Map.entry("accessTokenLifetime", "5 minutes"),
                Map.entry("accessTokenLifetime", "PT59S"),
                Map.entry("accessTokenLifetime", "PT1H1S"),
                Map.entry("accessTokenLifetime", "-PT5M"),
                Map.entry("refreshTokenLifetime", "PT4M"),
                Map.entry("refreshTokenLifetime", "PT10M0.5S"),
                Map.entry("refreshTokenLifetime", "P31D"),
                Map.entry("refreshTokenLifetime", ""))) {
            RestFixture.Reply reply = api.post("/admin/clients", wikiWith(bad.getKey(), bad.getValue()), admin);
            assertThat(reply.status()).as(bad.toString()).isEqualTo(422);
            assertThat(reply.errorCode()).as(bad.toString()).isEqualTo("invalid_client_metadata");
            assertThat(reply.body()).as(bad.toString()).contains(bad.getKey());
        }
        assertThat(api.get("/admin/clients", admin).json().path("clients").size()).as("nothing half-written")
                .isZero();
        String clientId = api.post("/admin/clients", WIKI, admin).json().path("clientId").asText();
        for (String change : List.of("{\"scopes\":[\"profile\",\"phone\"]}", "{\"accessTokenLifetime\":\"PT2H\"}",
                "{\"refreshTokenLifetime\":\"PT1M\"}", "{\"accessTokenLifetime\":\"PT\"}")) {
            RestFixture.Reply reply = api.send("PATCH", "/admin/clients/" + clientId, "application/json", change,
                    Map.of("Authorization", "Bearer " + admin));
            assertThat(reply.status()).as(change).isEqualTo(422);
            assertThat(reply.errorCode()).as(change).isEqualTo("invalid_client_metadata");
        }
        JsonNode kept = api.get("/admin/clients/" + clientId, admin).json();
        assertThat(kept.path("scopes")).hasSize(4);
        assertThat(kept.path("accessTokenLifetime").textValue()).isNull();
    }

    @Test
    void scopesAndLifetimesRoundTripAndNullMeansTheDefaults() {
        RestFixture.Reply plain = api.post("/admin/clients", WIKI, admin);
        JsonNode defaults = api.get("/admin/clients/" + plain.json().path("clientId").asText(), admin).json();
        assertThat(defaults.path("scopes").toString())
                .isEqualTo("[\"email\",\"offline_access\",\"openid\",\"profile\"]");
        assertThat(defaults.path("accessTokenLifetime").textValue()).isNull();
        assertThat(defaults.path("refreshTokenLifetime").textValue()).isNull();

        Map<String, Object> body = wikiWith("scopes", List.of("openid", "email"));
        body.put("accessTokenLifetime", "PT5M");
        body.put("refreshTokenLifetime", "P1D");
        String clientId = api.post("/admin/clients", body, admin).json().path("clientId").asText();
        JsonNode created = api.get("/admin/clients/" + clientId, admin).json();
        assertThat(created.path("scopes").toString()).isEqualTo("[\"email\",\"openid\"]");
        assertThat(created.path("accessTokenLifetime").asText()).isEqualTo("PT5M");
        assertThat(created.path("refreshTokenLifetime").asText()).isEqualTo("PT24H");

        RestFixture.Reply changed = api.send("PATCH", "/admin/clients/" + clientId, "application/json",
                "{\"scopes\":[\"openid\"],\"accessTokenLifetime\":\"PT1H\"}", Map.of("Authorization", "Bearer " + admin));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("scopes").toString()).isEqualTo("[\"openid\"]");
        assertThat(changed.json().path("accessTokenLifetime").asText()).isEqualTo("PT1H");
        assertThat(changed.json().path("refreshTokenLifetime").asText()).as("kept").isEqualTo("PT24H");
        assertThat(api.core.manageClients().get(Caller.operator(), clientId).accessTokenTtl())
                .isEqualTo(java.time.Duration.ofHours(1));
    }
}
