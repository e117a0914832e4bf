package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an OpenID Provider: discovery under the public URL, a client registered
 * through the admin API, the code flow through the sign-in page, userinfo, and a service token.
 */
class OidcJarIT {

    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "correct horse battery";

    @Test
    void theJarIsAnOpenIdProvider(@TempDir Path workDir) throws Exception {
        try (RunningJar jar = RunningJar.start(workDir, Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_BCRYPT_COST", "4",
                "USERSVC_PUBLIC_URL", "http://localhost:8080",
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", ADMIN,
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD))) {
            String base = "http://127.0.0.1:" + jar.port();
            OidcHttp oidc = new OidcHttp();

            JsonNode discovery = OidcHttp.json(oidc.send(base, "GET", "/.well-known/openid-configuration", null, null,
                    Map.of()));
            assertThat(discovery.path("issuer").asText()).isEqualTo("http://localhost:8080");
            assertThat(discovery.path("token_endpoint").asText()).isEqualTo("http://localhost:8080/oidc/token");

            oidc.register(base, ADMIN, PASSWORD, List.of("authorization_code", "client_credentials"));
            String verifier = OidcHttp.verifier();
            String code = oidc.authorize(base, ADMIN, PASSWORD, verifier, "http://localhost:8080");
            HttpResponse<String> tokens = oidc.redeem(base, code, verifier);
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            assertThat(OidcHttp.json(tokens).has("refresh_token")).isFalse();

            JsonNode me = OidcHttp.json(oidc.send(base, "GET", "/oidc/userinfo", null, null, Map.of("Authorization",
                    "Bearer " + OidcHttp.json(tokens).path("access_token").asText())));
            assertThat(me.path("email").asText()).isEqualTo(ADMIN);
            assertThat(oidc.clientCredentials(base).statusCode()).isEqualTo(200);
        }
    }
}
