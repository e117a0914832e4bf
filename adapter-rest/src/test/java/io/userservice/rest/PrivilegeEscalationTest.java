package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lower role reaching a higher one through impersonation, and tokens laundered or extended
 * through {@code /user/me}: each attempt as an attacker would make it over HTTP.
 */
class PrivilegeEscalationTest {

    private static final String PASSWORD = "a long enough password";

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    private record Account(long id, String email, String accessToken) {
        Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + accessToken);
        }

        Map<String, String> basic() {
            return Map.of("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private Account account(String email, Role... roles) {
        String token = api.signedIn(email, PASSWORD).json().path("accessToken").asText();
        long id = api.get("/user", token).json().path("user").path("id").asLong();
        for (Role role : roles) {
            api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), id, role, true, ClientAddress.unknown()));
        }
        // sign in again: revoking nothing, but the token should list the roles it now has
        String fresh = api.post("/auth/login", Map.of("email", email, "password", PASSWORD)).json()
                .path("accessToken").asText();
        return new Account(id, email, fresh);
    }

    private RestFixture.Reply mintFor(long targetId, Map<String, String> auth) {
        return api.send("GET", "/api/sys/users/" + targetId + "/token/refresh", null, null, auth);
    }

    private static JsonNode claims(String token) throws Exception {
        return RestFixture.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void aUserEditorCannotMintATokenForAnAdminOrAnotherUserEditor() {
        Account admin = account("admin@example.com", Role.ADMIN);
        Account editor = account("editor@example.com", Role.USER_EDIT);
        Account otherEditor = account("other-editor@example.com", Role.USER_EDIT);

        for (Map<String, String> auth : List.of(editor.bearer(), editor.basic())) {
            assertThat(mintFor(admin.id(), auth).status()).isEqualTo(403);
            assertThat(mintFor(otherEditor.id(), auth).status()).isEqualTo(403);
        }
        assertThat(api.send("PUT", "/admin/users/" + editor.id() + "/roles/admin", null, null, editor.bearer())
                .status()).isEqualTo(403);
    }

    @Test
    void noOneMintsATokenForAUserHoldingARoleTheyLack() {
        Account admin = account("admin@example.com", Role.ADMIN);
        Account otherAdmin = account("other-admin@example.com", Role.ADMIN);
        Account editor = account("editor@example.com", Role.USER_EDIT);
        Account billing = account("billing@example.com", new Role("billing"));
        Account member = account("member@example.com");

        assertThat(mintFor(otherAdmin.id(), admin.bearer()).status()).isEqualTo(403);
        assertThat(mintFor(billing.id(), admin.bearer()).status()).isEqualTo(403);
        assertThat(mintFor(billing.id(), editor.bearer()).status()).isEqualTo(403);
        assertThat(mintFor(member.id(), admin.bearer()).status()).isEqualTo(200);
        assertThat(mintFor(member.id(), editor.bearer()).status()).isEqualTo(200);
    }

    @Test
    void aTokenMintedOnSomeonesBehalfIsRefusedOnEveryAdministrativeRoute() {
        Account admin = account("admin@example.com", Role.ADMIN);
        Account member = account("member@example.com");
        String forMember = mintFor(member.id(), admin.bearer()).json().path("Value").asText();
        // an administrator's token for themselves still names them as actor: it is no admin credential
        String forSelf = mintFor(admin.id(), admin.bearer()).json().path("Value").asText();

        for (String token : List.of(forMember, forSelf)) {
            Map<String, String> auth = bearer(token);
            assertThat(api.send("PUT", "/admin/users/" + member.id() + "/roles/admin", null, null, auth).status())
                    .isEqualTo(403);
            assertThat(api.send("DELETE", "/admin/users/" + admin.id() + "/roles/admin", null, null, auth).status())
                    .isEqualTo(403);
            assertThat(api.send("POST", "/admin/users/" + member.id() + "/deactivate", null, null, auth).status())
                    .isEqualTo(403);
            assertThat(api.send("GET", "/admin/audit", null, null, auth).status()).isEqualTo(403);
            assertThat(mintFor(member.id(), auth).status()).isEqualTo(403);
        }
        assertThat(api.get("/user", forSelf).status()).isEqualTo(200);
        assertThat(api.core.getUser().get(member.id()).roles()).isEmpty();
    }

    @Test
    void theAuditTrailNamesTheRealActorOfAnImpersonation() {
        Account admin = account("admin@example.com", Role.ADMIN);
        Account editor = account("editor@example.com", Role.USER_EDIT);
        Account member = account("member@example.com");

        mintFor(member.id(), editor.bearer());
        mintFor(admin.id(), editor.bearer());

        JsonNode events = api.send("GET", "/admin/audit?limit=200", null, null, admin.bearer()).json().path("events");
        List<JsonNode> impersonations = new java.util.ArrayList<>();
        events.forEach(e -> {
            if (e.path("action").asText().equals("impersonation")) {
                impersonations.add(e);
            }
        });
        assertThat(impersonations).hasSize(2).allSatisfy(e -> assertThat(e.path("actorId").asLong())
                .isEqualTo(editor.id()));
        assertThat(impersonations).extracting(e -> e.path("subjectId").asLong() + " " + e.path("outcome").asText())
                .containsExactlyInAnyOrder(member.id() + " success", admin.id() + " denied");
    }

    @Test
    void aTokenMintedByUserMeNeverOutlivesTheTokenThatMintedIt() throws Exception {
        Account member = account("member@example.com");
        long presentedExp = claims(member.accessToken()).path("exp").asLong();

        String minted = api.send("GET", "/en/user/me", null, null, member.bearer()).json().path("AccessToken").asText();
        String mintedAgain = api.send("GET", "/en/user/me", null, null, bearer(minted)).json().path("AccessToken")
                .asText();

        assertThat(claims(minted).path("exp").asLong()).isLessThanOrEqualTo(presentedExp);
        assertThat(claims(mintedAgain).path("exp").asLong()).isLessThanOrEqualTo(presentedExp);
        assertThat(claims(minted).has("act")).isFalse();
    }

    @Test
    void aTokenMintedByUserMeWithAPasswordLivesAtMostThePortalTokenLifetime() throws Exception {
        Account member = account("member@example.com");

        JsonNode minted = claims(api.send("GET", "/en/user/me", null, null, member.basic()).json()
                .path("AccessToken").asText());

        assertThat(minted.path("exp").asLong() - minted.path("iat").asLong()).isBetween(1L, 3600L);
    }

    @Test
    void anImpersonationTokenCannotMintThroughUserMe() {
        Account admin = account("admin@example.com", Role.ADMIN);
        Account member = account("member@example.com");
        String forMember = mintFor(member.id(), admin.bearer()).json().path("Value").asText();

        RestFixture.Reply me = api.send("GET", "/en/user/me", null, null, bearer(forMember));

        assertThat(me.status()).isEqualTo(403);
        assertThat(me.json().path("WasSuccessful").asBoolean()).isFalse();
        assertThat(me.body()).doesNotContain("AccessToken\":\"ey");
    }

    @Test
    void aMintedTokenDiesWithThePasswordResetOfItsUser() {
        Account member = account("member@example.com");
        String minted = api.send("GET", "/en/user/me", null, null, member.bearer()).json().path("AccessToken").asText();

        api.core.requestPasswordReset().request(new io.userservice.core.port.in.RequestPasswordResetUseCase.Command(
                member.email(), ClientAddress.unknown()));
        String code = api.lastCode(io.userservice.core.domain.MailKind.PASSWORD_RESET, member.email()).orElseThrow();
        api.post("/users/password/reset/complete", Map.of("code", code, "password", "another long password"));

        assertThat(api.get("/user", minted).status()).isEqualTo(401);
        assertThat(api.send("GET", "/en/user/me", null, null, bearer(minted)).status()).isEqualTo(401);
    }
}
