package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /admin/users}: attacked first, then used as meant. */
class AdminUsersTest {

    private static final String PASSWORD = "correct horse";

    private final RestFixture api = new RestFixture();
    private String admin;
    private long adminId;

    @BeforeEach
    void anAdministrator() {
        JsonNode login = api.signedIn("admin@example.com", PASSWORD).json();
        adminId = login.path("user").path("id").asLong();
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), adminId, Role.ADMIN, true,
                ClientAddress.unknown()));
        admin = api.post("/auth/login", Map.of("email", "admin@example.com", "password", PASSWORD)).json()
                .path("accessToken").asText();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonNode member(String email) {
        return api.signedIn(email, PASSWORD).json();
    }

    private RestFixture.Reply patch(long id, Object body, String token) {
        return api.send("PATCH", "/admin/users/" + id, "application/json", RestFixture.json(body),
                Map.of("Authorization", "Bearer " + token));
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aMemberAndAnImpersonationTokenReachNoneOfIt() {
        JsonNode mia = member("mia@example.com");
        long miaId = mia.path("user").path("id").asLong();
        String memberToken = mia.path("accessToken").asText();
        String minted = api.send("POST", "/api/sys/users/" + adminId + "/token/refresh", "application/json", "{}",
                Map.of("Authorization", "Bearer " + admin)).json().path("Value").asText();

        for (String token : List.of(memberToken, minted)) {
            assertThat(api.get("/admin/users", token).status()).isEqualTo(403);
            assertThat(api.get("/admin/users/" + adminId, token).status()).isEqualTo(403);
            assertThat(patch(adminId, Map.of("email", "owned@example.com"), token).status()).isEqualTo(403);
            assertThat(api.delete("/admin/users/" + adminId, token).status()).isEqualTo(403);
            assertThat(api.post("/admin/users/" + adminId + "/password-reset", Map.of(), token).status())
                    .isEqualTo(403);
            assertThat(api.get("/admin/users/" + adminId + "/sessions", token).status()).isEqualTo(403);
            assertThat(api.delete("/admin/users/" + adminId + "/sessions", token).status()).isEqualTo(403);
        }
        assertThat(api.get("/admin/users/" + miaId, admin).json().path("user").path("email").asText())
                .isEqualTo("mia@example.com");
        assertThat(api.get("/user", admin).status()).isEqualTo(200);
    }

    @Test
    void aPatchCannotDoWhatTheRoleRulesForbidNorTouchAnythingElse() {
        long ned = member("ned@example.com").path("user").path("id").asLong();

        RestFixture.Reply roles = patch(ned, Map.of("roles", List.of("admin")), admin);
        RestFixture.Reply level = patch(ned, Map.of("permissionLevel", 9, "firstname", "Ned"), admin);
        RestFixture.Reply ownEmail = patch(adminId, Map.of("email", "me2@example.com"), admin);
        RestFixture.Reply unconfirm = patch(ned, Map.of("confirmed", false), admin);
        RestFixture.Reply badLanguage = patch(ned, Map.of("language", "not a language", "firstname", "X"), admin);
        RestFixture.Reply empty = patch(ned, Map.of(), admin);
        RestFixture.Reply nobody = patch(999_999, Map.of("firstname", "X"), admin);

        assertThat(roles.status()).isEqualTo(422);
        assertThat(roles.errorCode()).isEqualTo("not_patchable");
        assertThat(level.status()).isEqualTo(422);
        assertThat(ownEmail.status()).isEqualTo(422);
        assertThat(unconfirm.status()).isEqualTo(422);
        assertThat(badLanguage.status()).isEqualTo(422);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(nobody.status()).isEqualTo(404);
        JsonNode details = api.get("/admin/users/" + ned, admin).json();
        assertThat(details.path("roles")).isEmpty();
        assertThat(details.path("user").path("firstname").isNull()).isTrue();
        assertThat(details.path("user").path("permissionLevel").asInt()).isZero();
    }

    @Test
    void anAdministratorCannotChangeTheEmailOfAnotherAdministratorOrUserEditor() {
        for (Role role : List.of(Role.ADMIN, Role.USER_EDIT)) {
            String email = role.name() + "-holder@example.com";
            JsonNode other = member(email);
            long otherId = other.path("user").path("id").asLong();
            api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), otherId, role, true,
                    ClientAddress.unknown()));
            String otherToken = api.post("/auth/login", Map.of("email", email, "password", PASSWORD)).json()
                    .path("accessToken").asText();

            RestFixture.Reply refused = patch(otherId, Map.of("email", "attacker@example.com", "confirmed", true),
                    admin);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden");
            assertThat(api.get("/admin/users/" + otherId, admin).json().path("user").path("email").asText())
                    .isEqualTo(email);
            assertThat(api.get("/user", otherToken).status()).isEqualTo(200);
            assertThat(api.post("/auth/login", Map.of("email", email, "password", PASSWORD)).status())
                    .isEqualTo(200);
            assertThat(patch(otherId, Map.of("firstname", "Still"), admin).status()).isEqualTo(200);
        }
        assertThat(api.sent()).noneMatch(mail -> mail.email().equals("attacker@example.com"));
    }

    @Test
    void anEmailChangedByAnAdministratorTellsTheOldAddressAndEndsTheUsersSessions() {
        JsonNode pia = member("pia@example.com");
        long id = pia.path("user").path("id").asLong();
        String access = pia.path("accessToken").asText();
        String refresh = pia.path("refreshToken").asText();

        RestFixture.Reply patched = patch(id, Map.of("email", "pia.new@example.com"), admin);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(api.sent()).anyMatch(mail -> mail.kind() == MailKind.EMAIL_CHANGED_NOTICE
                && mail.email().equals("pia@example.com") && mail.code() == null);
        assertThat(api.get("/user", access).status()).isEqualTo(401);
        assertThat(api.post("/auth/token", Map.of("refreshToken", refresh)).status()).isEqualTo(401);
        assertThat(api.post("/auth/login", Map.of("email", "pia.new@example.com", "password", PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void aPatchChangesTheGivenFieldsAndAnEmailAtOnce() {
        JsonNode oli = member("oli@example.com");
        long id = oli.path("user").path("id").asLong();
        api.post("/users/password/reset", Map.of("email", "oli@example.com"));
        String resetCode = api.lastCode(MailKind.PASSWORD_RESET, "oli@example.com").orElseThrow();

        RestFixture.Reply patched = patch(id, Map.of("firstname", "Oliver", "language", "de",
                "email", "Oliver@Example.com"), admin);
        RestFixture.Reply taken = patch(id, Map.of("email", "admin@example.com"), admin);

        assertThat(patched.status()).isEqualTo(200);
        JsonNode user = patched.json().path("user");
        assertThat(user.path("firstname").asText()).isEqualTo("Oliver");
        assertThat(user.path("lastname").isNull()).isTrue();
        assertThat(user.path("language").asText()).isEqualTo("de");
        assertThat(user.path("email").asText()).isEqualTo("oliver@example.com");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(api.post("/users/password/reset/complete", Map.of("code", resetCode, "password",
                "another horse here")).status()).isEqualTo(400);
        assertThat(api.post("/auth/login", Map.of("email", "oliver@example.com", "password", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(api.get("/admin/audit?limit=200", admin).body()).contains("user updated");
    }

    @Test
    void theSearchMatchesPrefixesOfEmailOrNameAndPagesByKeyset() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(member("page" + i + "@example.com").path("user").path("id").asLong());
        }
        long percent = member("50%_off@example.com").path("user").path("id").asLong();
        member("50xyoff@example.com");
        patch(ids.get(4), Map.of("lastname", "Pagemaster"), admin);

        JsonNode first = api.get("/admin/users?query=PAGE&limit=2", admin).json();
        api.delete("/admin/users/" + ids.get(2), admin);
        JsonNode second = api.get("/admin/users?query=page&limit=2&cursor=" + first.path("next").asText(), admin)
                .json();
        JsonNode wildcard = api.get("/admin/users?query=" + q("50%_"), admin).json();

        assertThat(first.path("users")).extracting(u -> u.path("id").asLong()).containsExactly(ids.get(0), ids.get(1));
        assertThat(second.path("users")).extracting(u -> u.path("id").asLong()).containsExactly(ids.get(3), ids.get(4));
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(wildcard.path("users")).extracting(u -> u.path("id").asLong()).containsExactly(percent);
        assertThat(api.get("/admin/users?query=pagem", admin).json().path("users"))
                .extracting(u -> u.path("id").asLong()).containsExactly(ids.get(4));
    }

    @Test
    void aBadLimitOrCursorIsA422() {
        for (String bad : List.of("limit=0", "limit=201", "limit=abc", "limit=-1", "cursor=not-ours",
                "cursor=" + q("%%%"))) {
            RestFixture.Reply reply = api.get("/admin/users?" + bad, admin);
            assertThat(reply.status()).as(bad).isEqualTo(422);
            assertThat(reply.errorCode()).as(bad).isEqualTo("invalid_page");
        }
        assertThat(api.get("/admin/users?limit=200", admin).status()).isEqualTo(200);
        assertThat(api.get("/admin/users?limit=1", admin).json().path("next").isTextual()).isFalse();
    }

    @Test
    void detailsResetMailSessionsAndDeletion() {
        JsonNode pam = member("pam@example.com");
        long id = pam.path("user").path("id").asLong();
        api.post("/user/attributes", Map.of("attributeKey", "plan", "attributeText", "gold"),
                pam.path("accessToken").asText());

        JsonNode details = api.get("/admin/users/" + id, admin).json();
        RestFixture.Reply reset = api.post("/admin/users/" + id + "/password-reset", Map.of(), admin);
        boolean resetMailed = api.lastCode(MailKind.PASSWORD_RESET, "pam@example.com").isPresent();
        JsonNode sessions = api.get("/admin/users/" + id + "/sessions", admin).json();
        RestFixture.Reply ended = api.delete("/admin/users/" + id + "/sessions", admin);
        int refreshAfter = api.post("/auth/token", Map.of("refreshToken", pam.path("refreshToken").asText())).status();
        RestFixture.Reply deleted = api.delete("/admin/users/" + id, admin);
        RestFixture.Reply gone = api.get("/admin/users/" + id, admin);
        RestFixture.Reply deleteSelf = api.delete("/admin/users/" + adminId, admin);

        assertThat(details.path("attributes").path("plan").asText()).isEqualTo("gold");
        assertThat(details.path("deactivated").asBoolean()).isFalse();
        assertThat(details.path("createdAt").asText()).isNotBlank();
        assertThat(details.path("lastSignInAt").asText()).isNotBlank();
        assertThat(reset.status()).isEqualTo(202);
        assertThat(resetMailed).isTrue();
        assertThat(sessions.path("sessions")).hasSize(1);
        assertThat(ended.status()).isEqualTo(204);
        assertThat(refreshAfter).isEqualTo(401);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(deleteSelf.status()).isIn(400, 401, 403, 422);
        assertThat(api.get("/user", admin).status()).isEqualTo(200);
    }
}
