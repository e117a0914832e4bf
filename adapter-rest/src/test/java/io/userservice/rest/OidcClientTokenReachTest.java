package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token issued to an OpenID Connect client reaches the userinfo endpoint and GET /user, nothing else. */
class OidcClientTokenReachTest {

    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private RestFixture api;
    private OidcRelyingParty rp;
    private long annId;

    private record Call(String method, String path, String json) {
    }

    @BeforeEach
    void start() {
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false));
        annId = api.signedIn(EMAIL, PASSWORD).json().path("user").path("id").asLong();
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), annId, Role.ADMIN, true, ClientAddress.unknown()));
        rp = OidcRelyingParty.confidential(api);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String clientToken() {
        CodeVerifier verifier = new CodeVerifier();
        OidcBrowser browser = new OidcBrowser(api.base());
        URI back = rp.authorize(browser, rp.request(new Scope("openid", "email", "profile", "offline_access"),
                new State(), null, verifier).build(), EMAIL, PASSWORD);
        OIDCTokenResponse tokens = (OIDCTokenResponse) rp.redeem(rp.basic(), rp.codeFrom(back), verifier)
                .toSuccessResponse();
        return tokens.getOIDCTokens().getAccessToken().getValue();
    }

    private RestFixture.Reply call(Call call, String token) {
        return api.send(call.method(), call.path(), call.json() == null ? null : "application/json", call.json(),
                Map.of("Authorization", "Bearer " + token));
    }

    private List<Call> accountAndAdminRoutes() {
        return List.of(
                new Call("GET", "/user/sessions", null),
                new Call("DELETE", "/user/sessions", null),
                new Call("DELETE", "/user/sessions/1", null),
                new Call("GET", "/user/export", null),
                new Call("POST", "/user/password", "{\"currentPassword\":\"" + PASSWORD
                        + "\",\"newPassword\":\"another long passphrase\"}"),
                new Call("POST", "/user/email", "{\"newEmail\":\"mallory@example.com\",\"password\":\"" + PASSWORD + "\"}"),
                new Call("POST", "/user/email/confirm", "{\"code\":\"123456\"}"),
                new Call("DELETE", "/user", "{\"password\":\"" + PASSWORD + "\"}"),
                new Call("GET", "/user/profile", null),
                new Call("PUT", "/user/name", "{\"firstname\":\"Mal\",\"lastname\":\"Lory\"}"),
                new Call("GET", "/user/attributes", null),
                new Call("POST", "/user/attributes", "{\"key\":\"k\",\"value\":\"v\"}"),
                new Call("DELETE", "/user/attributes/k", null),
                new Call("GET", "/user/mfa", null),
                new Call("POST", "/user/mfa/totp", "{\"password\":\"" + PASSWORD + "\"}"),
                new Call("POST", "/user/mfa/recovery-codes", "{\"password\":\"" + PASSWORD + "\",\"code\":\"1\"}"),
                new Call("GET", "/user/passkeys", null),
                new Call("POST", "/user/passkeys/registration/options", "{}"),
                new Call("DELETE", "/user/passkeys/1", null),
                new Call("GET", "/admin/users", null),
                new Call("GET", "/admin/users/" + annId, null),
                new Call("GET", "/admin/audit", null),
                new Call("GET", "/admin/clients", null),
                new Call("GET", "/admin/webhooks", null),
                new Call("PUT", "/admin/users/" + annId + "/roles/ADMIN", null),
                new Call("POST", "/admin/users/" + annId + "/deactivate", null),
                new Call("DELETE", "/admin/users/" + annId + "/mfa", null));
    }

    @Test
    void aClientTokenIsRefusedOnEveryAccountAndAdministrativeRoute() {
        String token = clientToken();

        for (Call call : accountAndAdminRoutes()) {
            RestFixture.Reply reply = call(call, token);
            assertThat(reply.status()).as(call.method() + " " + call.path()).isEqualTo(403);
            assertThat(reply.json().path("error").path("code").asText()).as(call.method() + " " + call.path())
                    .isEqualTo("insufficient_scope");
            assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\"");
        }

        RestFixture.Reply own = api.post("/auth/login", Map.of("email", EMAIL, "password", PASSWORD));
        assertThat(own.status()).as("nothing was changed: password, email, account, role").isEqualTo(200);
        String first = own.json().path("accessToken").asText();
        assertThat(api.get("/user", first).json().path("user").path("email").asText()).isEqualTo(EMAIL);
        assertThat(api.get("/user", token).status()).as("the client's session was not ended").isEqualTo(200);
        assertThat(api.get("/user/mfa", first).json().toString()).doesNotContain("\"totp\":true");
    }

    @Test
    void aPathVariantDoesNotSlipPastTheRule() {
        String token = clientToken();

        assertThat(call(new Call("GET", "/user/sessions/", null), token).status()).isIn(403, 404);
        assertThat(call(new Call("GET", "/user/export;x=1", null), token).status()).isIn(403, 404);
        assertThat(call(new Call("POST", "/user", "{}"), token).status()).isIn(403, 405);
        assertThat(call(new Call("GET", "//user/export", null), token).status()).isNotEqualTo(200);
    }

    @Test
    void aClientTokenStillReadsUserinfoAndTheReadOnlyUser() {
        String token = clientToken();

        RestFixture.Reply info = api.send("GET", "/oidc/userinfo", null, null, Map.of("Authorization", "Bearer " + token));
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("email").asText()).isEqualTo(EMAIL);
        RestFixture.Reply user = api.get("/user", token);
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.json().path("user").path("email").asText()).isEqualTo(EMAIL);
    }

    @Test
    void aFirstPartyTokenStillReachesTheAccountAndAdministrativeRoutes() {
        clientToken();
        String first = api.post("/auth/login", Map.of("email", EMAIL, "password", PASSWORD)).json()
                .path("accessToken").asText();

        for (String path : List.of("/user", "/user/profile", "/user/sessions", "/user/export", "/user/mfa",
                "/user/passkeys", "/admin/users", "/admin/audit", "/admin/clients")) {
            assertThat(api.get(path, first).status()).as(path).isEqualTo(200);
        }
    }
}
