package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code X-Request-Id}: taken when well-formed, else generated; echoed, in error bodies and in audit records. */
class RequestIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final RestFixture api = new RestFixture();

    @AfterEach
    void close() {
        api.close();
    }

    private RestFixture.Reply get(String path, String requestId) {
        return api.send("GET", path, null, null, requestId == null ? Map.of() : Map.of(RequestIds.HEADER, requestId));
    }

    @Test
    void aWellFormedIdIsEchoedAndAppearsInTheErrorBody() {
        String id = "edge-7f3a:42/" + "x".repeat(115);

        RestFixture.Reply reply = get("/user", id);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header(RequestIds.HEADER)).isEqualTo(id);
        assertThat(reply.json().path("requestId").asText()).isEqualTo(id);
        assertThat(reply.errorCode()).isNotNull();
    }

    @Test
    void aMissingOrMalformedIdIsReplacedByANewOne() {
        Set<String> seen = new HashSet<>();
        for (String bad : new String[] {null, "", "x".repeat(129), "has space", "<script>", "ünïcode", "a@b.example",
                "line\\nbreak", "semi;colon"}) {
            RestFixture.Reply reply = get("/user", bad);

            String echoed = reply.header(RequestIds.HEADER);
            assertThat(echoed).as(String.valueOf(bad)).matches(UUID);
            assertThat(reply.json().path("requestId").asText()).isEqualTo(echoed);
            seen.add(echoed);
        }
        assertThat(seen).as("a new id each time").hasSize(9);
    }

    @Test
    void successfulAnswersCarryTheIdToo() {
        assertThat(get("/health", "probe-1").header(RequestIds.HEADER)).isEqualTo("probe-1");
        assertThat(get("/health", null).header(RequestIds.HEADER)).matches(UUID);
    }

    @Test
    void auditRecordsCarryTheIdOfTheRequestThatMadeThem() {
        api.signedIn("audit-admin@example.com", "long enough password");
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(),
                api.core.lookUpUser().byEmail("audit-admin@example.com").orElseThrow().id(), Role.ADMIN, true, ClientAddress.of("test")));
        String token = api.post("/auth/login", Map.of("email", "audit-admin@example.com", "password",
                "long enough password")).json().path("accessToken").asText();

        RestFixture.Reply failed = api.send("POST", "/auth/login", "application/json",
                "{\"email\":\"audit-admin@example.com\",\"password\":\"wrong password\"}",
                Map.of(RequestIds.HEADER, "bad-login-1"));
        assertThat(failed.status()).isEqualTo(401);

        JsonNode events = api.get("/admin/audit", token).json().path("events");
        JsonNode signIn = null;
        for (JsonNode event : events) {
            if (event.path("action").asText().equals("sign-in") && event.path("outcome").asText().equals("denied")) {
                signIn = event;
                break;
            }
        }
        assertThat(signIn).as(events.toString()).isNotNull();
        assertThat(signIn.path("requestId").asText()).isEqualTo("bad-login-1");
        for (JsonNode event : events) {
            if (event.path("action").asText().equals("role granted")) {
                assertThat(event.path("requestId").isNull()).as("granted outside any request").isTrue();
            } else {
                assertThat(event.path("requestId").asText()).matches("bad-login-1|" + UUID);
            }
        }
    }
}
