package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code keys rotate} between two starts of the server over one database, with encrypted keys. */
class KeyRotationServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String dbUrl = "jdbc:h2:mem:keys-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

    private AppConfig config(String keyEncryptionKey) {
        return AppConfig.from(environment(keyEncryptionKey));
    }

    private Map<String, String> environment(String keyEncryptionKey) {
        Map<String, String> env = new HashMap<>(Map.of("USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", dbUrl, "USERSVC_BCRYPT_COST", "4", "USERSVC_REQUIRE_CONFIRMATION", "false",
                "USERSVC_PUBLIC_URL", "https://id.example.com", "USERSVC_MODE", "development"));
        if (keyEncryptionKey != null) {
            env.put("USERSVC_KEY_ENCRYPTION_KEY", keyEncryptionKey);
        }
        return env;
    }

    private HttpResponse<String> call(UserServiceServer server, String method, String path, String body, String bearer)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String kidOf(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0])).path("kid").asText();
    }

    @Test
    void tokensSignedBeforeARotationKeepWorkingAndNewOnesUseTheNewKey() throws Exception {
        String kek = Base64.getEncoder().encodeToString("an encryption key of 32 bytes!!!".getBytes(StandardCharsets.US_ASCII));
        AppConfig config = config(kek);
        String login = "{\"email\":\"keys@example.com\",\"password\":\"correct horse\"}";
        String before;
        try (UserServiceServer server = UserServiceServer.start(config)) {
            assertThat(call(server, "POST", "/users", login, null).statusCode()).isEqualTo(201);
            before = JSON.readTree(call(server, "POST", "/auth/login", login, null).body()).path("accessToken").asText();
        }

        StringWriter out = new StringWriter();
        assertThat(Cli.run(environment(kek), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "keys", "rotate")).isZero();

        try (UserServiceServer server = UserServiceServer.start(config)) {
            String after = JSON.readTree(call(server, "POST", "/auth/login", login, null).body())
                    .path("accessToken").asText();
            JsonNode jwks = JSON.readTree(call(server, "GET", "/.well-known/jwks.json", null, null).body());

            assertThat(kidOf(after)).isNotEqualTo(kidOf(before));
            assertThat(out.toString()).contains(kidOf(after));
            assertThat(call(server, "GET", "/user", null, before).statusCode()).isEqualTo(200);
            assertThat(call(server, "GET", "/user", null, after).statusCode()).isEqualTo(200);
            assertThat(jwks.path("keys")).hasSize(2);
            assertThat(jwks.toString()).contains(kidOf(before), kidOf(after)).doesNotContain("\"d\"");
        }

        String wrong = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> UserServiceServer.start(config(wrong)).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("USERSVC_KEY_ENCRYPTION_KEY does not decrypt signing key")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> UserServiceServer.start(config(null)).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stored encrypted");
    }
}
