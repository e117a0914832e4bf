package io.userservice.rest;

import io.userservice.core.domain.Caller;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpersonationTest {

    private final RestFixture api = new RestFixture();
    private long adminId;
    private long editorId;
    private long memberId;
    private String adminToken;

    @BeforeAll
    void users() {
        adminToken = api.signedIn("admin@example.com", "admin password").json().path("accessToken").asText();
        adminId = api.get("/user", adminToken).json().path("user").path("id").asLong();
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), adminId, Role.ADMIN, true, ClientAddress.unknown()));
        String editor = api.signedIn("editor@example.com", "editor password").json().path("accessToken").asText();
        editorId = api.get("/user", editor).json().path("user").path("id").asLong();
        String member = api.signedIn("member@example.com", "member password").json().path("accessToken").asText();
        memberId = api.get("/user", member).json().path("user").path("id").asLong();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private RestFixture.Reply refresh(String method, long userId, String authorization, Object body) {
        return api.send(method, "/api/sys/users/" + userId + "/token/refresh",
                body == null ? null : "application/json", RestFixture.json(body),
                authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    private static JsonNode claims(String token) throws Exception {
        return RestFixture.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void anAdminMintsATokenForAnotherUserWithBasicOrBearer() throws Exception {
        RestFixture.Reply viaBasic = refresh("GET", memberId, basic("admin@example.com", "admin password"), null);
        RestFixture.Reply viaBearer = refresh("POST", memberId, "Bearer " + adminToken,
                Map.of("auth", Map.of("validityInMinutes", 5)));

        assertThat(viaBasic.status()).isEqualTo(200);
        assertThat(viaBasic.json().path("WasSuccessful").asBoolean()).isTrue();
        String token = viaBearer.json().path("Value").asText();
        JsonNode claims = claims(token);
        assertThat(claims.path("sub").asText()).isEqualTo(Long.toString(memberId));
        assertThat(claims.path("act").path("sub").asText()).isEqualTo(Long.toString(adminId));
        assertThat(claims.path("act").path("email").asText()).isEqualTo("admin@example.com");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(viaBearer.body()).doesNotContain("refreshToken");
        assertThat(api.get("/user", token).json().path("user").path("email").asText()).isEqualTo("member@example.com");
    }

    @Test
    void anImpersonationTokenCannotMintAnother() {
        String token = refresh("GET", memberId, "Bearer " + adminToken, null).json().path("Value").asText();

        RestFixture.Reply chained = refresh("GET", editorId, "Bearer " + token, null);

        assertThat(chained.status()).isEqualTo(403);
        assertThat(chained.json().path("WasSuccessful").asBoolean()).isFalse();
    }

    @Test
    void rolesDecide() {
        RestFixture.Reply plain = refresh("GET", adminId, basic("member@example.com", "member password"), null);
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(adminId), editorId, Role.USER_EDIT, true, ClientAddress.unknown()));
        RestFixture.Reply editor = refresh("GET", memberId, basic("editor@example.com", "editor password"), null);

        assertThat(plain.status()).isEqualTo(403);
        assertThat(plain.json().path("Status").asInt()).isEqualTo(403);
        assertThat(editor.status()).isEqualTo(200);
    }

    @Test
    void unauthenticatedAndMalformedCallersAre401AndUnknownUsers404() {
        for (String header : new String[] {null, "Basic !!!", "Basic " + Base64.getEncoder().encodeToString(
                "no-colon".getBytes(StandardCharsets.UTF_8)), basic("admin@example.com", "wrong"), "Bearer nope",
                "Digest abc", "Basic"}) {
            RestFixture.Reply reply = refresh("GET", memberId, header, null);
            assertThat(reply.status()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(reply.json().path("WasSuccessful").asBoolean()).isFalse();
            assertThat(reply.header("WWW-Authenticate")).isNotNull();
        }
        assertThat(refresh("GET", 987654, "Bearer " + adminToken, null).status()).isEqualTo(404);
        assertThat(api.send("GET", "/api/sys/users/abc/token/refresh", null, null,
                Map.of("Authorization", "Bearer " + adminToken)).status()).isEqualTo(404);
        assertThat(refresh("POST", memberId, "Bearer " + adminToken,
                Map.of("auth", Map.of("validityInMinutes", 0))).status()).isEqualTo(400);
    }

    @Test
    void adminsChangeRolesAndReadTheAuditTrail() {
        RestFixture.Reply granted = api.send("PUT", "/admin/users/" + memberId + "/roles/user-edit", null, null,
                Map.of("Authorization", "Bearer " + adminToken));
        RestFixture.Reply revoked = api.send("DELETE", "/admin/users/" + memberId + "/roles/user-edit", null, null,
                Map.of("Authorization", "Bearer " + adminToken));
        String memberToken = api.post("/auth/login", Map.of("email", "member@example.com", "password",
                "member password")).json().path("accessToken").asText();
        RestFixture.Reply denied = api.send("PUT", "/admin/users/" + memberId + "/roles/admin", null, null,
                Map.of("Authorization", "Bearer " + memberToken));
        RestFixture.Reply badRole = api.send("PUT", "/admin/users/" + memberId + "/roles/Not%20A%20Role", null, null,
                Map.of("Authorization", "Bearer " + adminToken));
        RestFixture.Reply audit = api.send("GET", "/admin/audit?limit=100", null, null,
                Map.of("Authorization", "Bearer " + adminToken));

        assertThat(granted.json().path("roles").get(0).asText()).isEqualTo("user-edit");
        assertThat(revoked.json().path("roles").size()).isZero();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("forbidden");
        assertThat(badRole.status()).isEqualTo(422);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().path("events").toString()).contains("role granted").contains("role revoked");
        assertThat(api.send("GET", "/admin/audit", null, null, Map.of("Authorization", "Bearer " + memberToken))
                .status()).isEqualTo(403);
    }

    @Test
    void theAuditTrailPagesNewestFirstByCursor() {
        for (int i = 0; i < 5; i++) {
            api.post("/auth/login", Map.of("email", "nobody" + i + "@example.com", "password", "guess " + i));
        }
        Map<String, String> auth = Map.of("Authorization", "Bearer " + adminToken);

        RestFixture.Reply first = api.send("GET", "/admin/audit?limit=2", null, null, auth);
        long next = first.json().path("next").asLong();
        RestFixture.Reply second = api.send("GET", "/admin/audit?limit=2&before=" + next, null, null, auth);
        RestFixture.Reply everything = api.send("GET", "/admin/audit?limit=200", null, null, auth);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("events")).hasSize(2);
        long firstId = first.json().path("events").get(0).path("id").asLong();
        long secondId = first.json().path("events").get(1).path("id").asLong();
        assertThat(firstId).isGreaterThan(secondId);
        assertThat(next).isEqualTo(secondId);
        assertThat(second.json().path("events").get(0).path("id").asLong()).isLessThan(secondId);
        assertThat(first.json().path("events").get(0).path("action").asText()).isEqualTo("sign-in");
        assertThat(first.json().path("events").get(0).path("outcome").asText()).isEqualTo("denied");
        assertThat(everything.json().path("next").isNull()).isTrue();
        for (String bad : new String[] {"limit=0", "limit=201", "limit=abc", "before=0", "before=x", "limit=99999999999"}) {
            RestFixture.Reply reply = api.send("GET", "/admin/audit?" + bad, null, null, auth);
            assertThat(reply.status()).as(bad).isEqualTo(422);
            assertThat(reply.errorCode()).as(bad).isEqualTo("invalid_page");
        }
    }
}
