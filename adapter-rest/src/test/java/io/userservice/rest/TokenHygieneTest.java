package io.userservice.rest;

import io.userservice.core.domain.Caller;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.MailKind;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of secret works only where it belongs; token answers are never cached; secrets in a
 * query string are refused; tokens of a user who reset the password or was deactivated stop working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenHygieneTest {

    private static final String PASSWORD = "correct horse";

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    /** Every kind of secret one user can hold. */
    private record Secrets(long userId, String access, String refresh, String portal, String confirmCode,
                           String resetCode, String sessionCookie) {
    }

    private Secrets secretsOf(String email) {
        api.post("/users", Map.of("email", email, "password", PASSWORD));
        String confirmCode = api.lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow();
        RestFixture.Reply confirmed = api.post("/users/confirm", Map.of("code", confirmCode));
        assertThat(confirmed.status()).isEqualTo(200);
        RestFixture.Reply login = api.post("/auth/login", Map.of("email", email, "password", PASSWORD));
        String portal = api.post("/api/sys/users/token", Map.of("email", email, "password", PASSWORD))
                .json().path("Value").asText();
        String otherPortal = api.post("/api/sys/users/token", Map.of("email", email, "password", PASSWORD))
                .json().path("Value").asText();
        String setCookie = portalLogin(otherPortal).header("Set-Cookie");
        api.post("/users/password/reset", Map.of("email", email));
        String resetCode = api.lastCode(MailKind.PASSWORD_RESET, email).orElseThrow();
        return new Secrets(login.json().path("user").path("id").asLong(), login.json().path("accessToken").asText(),
                login.json().path("refreshToken").asText(), portal, confirmCode, resetCode,
                setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';')));
    }

    private RestFixture.Reply portalLogin(String token) {
        return api.get("/en/user/login?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    @Test
    void noSecretStandsInForAnotherKind() {
        Secrets s = secretsOf("kinds@example.com");
        String another = "kinds-other@example.com";
        Secrets o = secretsOf(another);

        for (String notAnAccessToken : new String[] {s.refresh(), s.confirmCode(), s.resetCode(), s.sessionCookie()}) {
            assertThat(api.get("/user", notAnAccessToken).status()).isEqualTo(401);
            assertThat(api.send("GET", "/en/user/me", null, null,
                    Map.of("Authorization", "Bearer " + notAnAccessToken)).status()).isEqualTo(401);
        }
        for (String notARefreshToken : new String[] {s.access(), s.portal(), s.confirmCode(), s.resetCode(),
                s.sessionCookie()}) {
            RestFixture.Reply reply = api.post("/auth/token", Map.of("refreshToken", notARefreshToken));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("invalid_refresh_token");
        }
        for (String notAConfirmationCode : new String[] {s.access(), s.refresh(), o.resetCode(), s.sessionCookie()}) {
            // a value too long to be a code is refused as invalid input (422), any other as a wrong code (400)
            assertThat(api.post("/users/confirm", Map.of("code", notAConfirmationCode)).status()).isIn(400, 422);
        }
        for (String notAResetCode : new String[] {s.access(), s.refresh(), o.confirmCode(), s.sessionCookie(),
                s.portal()}) {
            assertThat(api.post("/users/password/reset/complete", Map.of("code", notAResetCode,
                    "password", "another long password")).status()).isIn(400, 422);
        }
        for (String notAPortalToken : new String[] {s.access(), s.refresh(), s.confirmCode(), s.sessionCookie()}) {
            assertThat(portalLogin(notAPortalToken).header("Location")).endsWith("/en/?error=link");
        }
        // the secrets still work where they belong
        assertThat(portalLogin(s.portal()).header("Set-Cookie")).startsWith("usersvc_session=");
        assertThat(api.post("/auth/token", Map.of("refreshToken", s.refresh())).status()).isEqualTo(200);
        assertThat(api.post("/users/password/reset/complete", Map.of("code", s.resetCode(),
                "password", "another long password")).status()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarryingATokenIsNeverStored() {
        Secrets s = secretsOf("nostore@example.com");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("nostore@example.com:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), s.userId(), Role.ADMIN, true, ClientAddress.of("test")));

        RestFixture.Reply[] replies = {
            api.post("/auth/login", Map.of("email", "nostore@example.com", "password", PASSWORD)),
            api.post("/auth/token", Map.of("refreshToken", s.refresh())),
            api.post("/api/sys/users/token", Map.of("email", "nostore@example.com", "password", PASSWORD)),
            api.send("GET", "/en/user/me", null, null, Map.of("Authorization", basic)),
            api.send("GET", "/api/sys/users/" + s.userId() + "/token/refresh", null, null,
                    Map.of("Authorization", basic)),
            api.post("/auth/login", Map.of("email", "nostore@example.com", "password", "wrong password")),
        };
        for (RestFixture.Reply reply : replies) {
            assertThat(reply.header("Cache-Control")).as(reply.body()).isEqualTo("no-store");
        }
        assertThat(replies[4].json().path("Value").asText()).contains(".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/user?access_token=abc", "/user?Access_Token=abc", "/auth/token?refreshToken=abc",
            "/auth/token?refresh_token=abc", "/users/confirm?code=abc", "/auth/login?password=abc",
            "/en/user/me?token=abc", "/api/sys/users/token?t=abc", "/user/attributes?x=1&token=abc",
            "/users/password/reset/complete?code=abc", "/en/user/login?code=abc", "/en/user/confirm?t=abc"})
    void secretsInTheQueryStringAreRefused(String pathAndQuery) {
        for (String method : new String[] {"GET", "POST"}) {
            RestFixture.Reply reply = api.send(method, pathAndQuery, "application/json", "{}", Map.of());
            assertThat(reply.status()).as(method + " " + pathAndQuery).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("secret_in_query");
        }
    }

    @Test
    void theLinksThisServiceMailsStillWork() {
        assertThat(api.get("/en/user/login?t=not-a-token").status()).isEqualTo(303);
        assertThat(api.get("/en/user/confirm?code=abc").status()).isEqualTo(200);
        assertThat(api.get("/pt-BR/user/resetPassword/complete?code=abc").status()).isEqualTo(200);
        assertThat(api.post("/en/user/confirm?code=abc", Map.of()).errorCode()).isEqualTo("secret_in_query");
    }

    @Test
    void aPasswordResetEndsEveryTokenIssuedBefore() {
        Secrets s = secretsOf("reset-tokens@example.com");
        assertThat(api.get("/user", s.access()).status()).isEqualTo(200);

        assertThat(api.post("/users/password/reset/complete", Map.of("code", s.resetCode(),
                "password", "a brand new password")).status()).isEqualTo(200);

        assertThat(api.get("/user", s.access()).status()).isEqualTo(401);
        assertThat(api.get("/user", s.portal()).status()).isEqualTo(401);
        assertThat(portalLogin(s.portal()).header("Location")).endsWith("/en/?error=link");
        assertThat(api.send("GET", "/en/", null, null, Map.of("Cookie", "usersvc_session=" + s.sessionCookie()))
                .body()).doesNotContain("Sign out");
        assertThat(api.post("/auth/token", Map.of("refreshToken", s.refresh())).status()).isEqualTo(401);
        String fresh = api.post("/auth/login", Map.of("email", "reset-tokens@example.com",
                "password", "a brand new password")).json().path("accessToken").asText();
        assertThat(api.get("/user", fresh).status()).isEqualTo(200);
    }

    @Test
    void adminsDeactivateAndReactivateUsers() {
        Secrets admin = secretsOf("deactivating-admin@example.com");
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.userId(), Role.ADMIN, true, ClientAddress.of("test")));
        String adminToken = api.post("/auth/login", Map.of("email", "deactivating-admin@example.com",
                "password", PASSWORD)).json().path("accessToken").asText();
        Secrets user = secretsOf("deactivated@example.com");

        assertThat(api.post("/admin/users/" + admin.userId() + "/deactivate", Map.of(), user.access()).status())
                .isEqualTo(403);
        RestFixture.Reply deactivated = api.post("/admin/users/" + user.userId() + "/deactivate", Map.of(), adminToken);

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().path("deactivated").asBoolean()).isTrue();
        assertThat(api.get("/user", user.access()).status()).isEqualTo(401);
        assertThat(api.post("/auth/token", Map.of("refreshToken", user.refresh())).status()).isEqualTo(401);
        RestFixture.Reply login = api.post("/auth/login", Map.of("email", "deactivated@example.com",
                "password", PASSWORD));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.errorCode()).isEqualTo("invalid_credentials");
        assertThat(api.post("/api/sys/users/token", Map.of("email", "deactivated@example.com", "password", PASSWORD))
                .json().path("WasSuccessful").asBoolean()).isFalse();
        assertThat(portalLogin(user.portal()).header("Location")).endsWith("/en/?error=link");

        RestFixture.Reply activated = api.post("/admin/users/" + user.userId() + "/activate", Map.of(), adminToken);
        assertThat(activated.json().path("deactivated").asBoolean()).isFalse();
        assertThat(api.get("/user", user.access()).status()).isEqualTo(401);
        assertThat(api.post("/auth/login", Map.of("email", "deactivated@example.com", "password", PASSWORD))
                .status()).isEqualTo(200);
        assertThat(api.get("/admin/audit", adminToken).body()).contains("user deactivated", "user activated");
        assertThat(api.post("/admin/users/999999/deactivate", Map.of(), adminToken).status()).isEqualTo(404);
        assertThat(api.post("/admin/users/" + admin.userId() + "/deactivate", Map.of(), adminToken).errorCode())
                .isEqualTo("cannot_deactivate_self");
    }
}
