package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/webhooks} over HTTP: the abuse cases first (no token, a plain user, an
 * impersonation token, another endpoint's id, bad URLs and events), then the registry's life.
 */
class WebhooksHttpTest {

    private static final String PASSWORD = "a long enough password";

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    private long idOf(String token) {
        return api.get("/user", token).json().path("user").path("id").asLong();
    }

    private String admin() {
        String token = api.signedIn("admin@example.com", PASSWORD).json().path("accessToken").asText();
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), idOf(token), Role.ADMIN, true,
                ClientAddress.unknown()));
        return token;
    }

    private String member(String email) {
        return api.signedIn(email, PASSWORD).json().path("accessToken").asText();
    }

    private RestFixture.Reply call(String method, String path, Object body, String token) {
        return api.send(method, path, body == null ? null : "application/json", body == null ? null : RestFixture.json(body),
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static Map<String, Object> hook(String url, List<String> events) {
        return Map.of("url", url, "events", events, "description", "CRM sync");
    }

    private String created(String admin) {
        RestFixture.Reply reply = call("POST", "/admin/webhooks",
                hook("https://hooks.example.com/in", List.of("user.created", "role.granted")), admin);
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    @Test
    void withoutAnAdministratorsOwnTokenEveryRouteIsRefused() {
        String admin = admin();
        String id = created(admin);
        String member = member("member@example.com");
        long memberId = idOf(member);
        String impersonation = api.send("GET", "/api/sys/users/" + memberId + "/token/refresh", null, null,
                Map.of("Authorization", "Bearer " + admin)).json().path("Value").asText();
        List<String[]> routes = List.of(new String[]{"POST", "/admin/webhooks"}, new String[]{"GET", "/admin/webhooks"},
                new String[]{"GET", "/admin/webhooks/" + id}, new String[]{"PATCH", "/admin/webhooks/" + id},
                new String[]{"DELETE", "/admin/webhooks/" + id}, new String[]{"POST", "/admin/webhooks/" + id + "/secret"},
                new String[]{"GET", "/admin/webhooks/" + id + "/deliveries"});
        for (String[] route : routes) {
            Object body = route[0].equals("POST") || route[0].equals("PATCH")
                    ? hook("https://evil.example.com/", List.of("user.created")) : null;
            assertThat(call(route[0], route[1], body, null).status()).as("no token: %s %s", route[0], route[1])
                    .isEqualTo(401);
            RestFixture.Reply plain = call(route[0], route[1], body, member);
            assertThat(plain.status()).as("plain user: %s %s", route[0], route[1]).isEqualTo(403);
            assertThat(plain.errorCode()).isEqualTo("forbidden");
            assertThat(call(route[0], route[1], body, impersonation).status())
                    .as("impersonation: %s %s", route[0], route[1]).isEqualTo(403);
        }
        JsonNode unchanged = call("GET", "/admin/webhooks/" + id, null, admin).json();
        assertThat(unchanged.path("url").asText()).isEqualTo("https://hooks.example.com/in");
        assertThat(call("GET", "/admin/webhooks", null, admin).json().path("webhooks")).hasSize(1);
    }

    @Test
    void badUrlsAndEventsAreRefusedWithTheirCodes() {
        String admin = admin();
        Map<String, String> expected = Map.of(
                "ftp://hooks.example.com/", "invalid_webhook_url",
                "https://user:pw@hooks.example.com/", "invalid_webhook_url",
                "/relative", "invalid_webhook_url",
                "http://127.0.0.1:8080/admin", "webhook_url_not_allowed",
                "http://localhost/", "webhook_url_not_allowed",
                "http://169.254.169.254/latest/meta-data", "webhook_url_not_allowed",
                "http://10.1.2.3/", "webhook_url_not_allowed",
                "http://[::1]/", "webhook_url_not_allowed",
                "http://[fd00::1]/", "webhook_url_not_allowed",
                "http://[::ffff:192.168.0.1]/", "webhook_url_not_allowed");
        expected.forEach((url, code) -> {
            RestFixture.Reply reply = call("POST", "/admin/webhooks", hook(url, List.of("user.created")), admin);
            assertThat(reply.status()).as(url).isEqualTo(422);
            assertThat(reply.errorCode()).as(url).isEqualTo(code);
        });
        RestFixture.Reply unknown = call("POST", "/admin/webhooks",
                hook("https://hooks.example.com/", List.of("user.created", "user.hacked")), admin);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorCode()).isEqualTo("unknown_event");
        assertThat(call("POST", "/admin/webhooks", hook("https://hooks.example.com/", List.of()), admin).errorCode())
                .isEqualTo("invalid_events");
        assertThat(call("POST", "/admin/webhooks", Map.of("url", "https://hooks.example.com/", "events", "user.created"),
                admin).status()).isEqualTo(400);
        assertThat(call("POST", "/admin/webhooks", null, admin).status()).isEqualTo(400);
        assertThat(call("GET", "/admin/webhooks", null, admin).json().path("webhooks")).isEmpty();
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        String admin = admin();
        created(admin);
        for (String id : List.of(UUID.randomUUID().toString(), "1", "not-a-uuid", "' OR 1=1 --",
                UUID.randomUUID().toString().toUpperCase())) {
            String path = "/admin/webhooks/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
            RestFixture.Reply reply = call("GET", path, null, admin);
            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(call("DELETE", path, null, admin).status()).as(id).isEqualTo(404);
            assertThat(call("POST", path + "/secret", null, admin).status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void theSecretIsShownOnceAndRotationKeepsThePreviousOneSigningForADay() {
        String admin = admin();
        RestFixture.Reply reply = call("POST", "/admin/webhooks",
                hook("https://hooks.example.com/in", List.of("user.created")), admin);
        assertThat(reply.status()).isEqualTo(201);
        String id = reply.json().path("id").asText();
        String secret = reply.json().path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);

        JsonNode shown = call("GET", "/admin/webhooks/" + id, null, admin).json();
        assertThat(shown.toString()).doesNotContain(secret.substring(6)).doesNotContain("secret\"");
        assertThat(shown.path("events")).extracting(JsonNode::asText).containsExactly("user.created");
        assertThat(shown.path("description").asText()).isEqualTo("CRM sync");

        JsonNode rotated = call("POST", "/admin/webhooks/" + id + "/secret", null, admin).json();
        assertThat(rotated.path("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
        Instant until = Instant.parse(rotated.path("previousSecretExpiresAt").asText());
        assertThat(until).isBetween(Instant.now().plusSeconds(86_400 - 60), Instant.now().plusSeconds(86_400 + 60));
        assertThat(call("GET", "/admin/webhooks", null, admin).body()).doesNotContain(rotated.path("secret").asText()
                .substring(6));
    }

    @Test
    void patchChangesOnlyWhatIsGivenAndDeleteEndsDeliveries() {
        String admin = admin();
        String id = created(admin);
        JsonNode patched = call("PATCH", "/admin/webhooks/" + id, Map.of("events", List.of("user.deactivated")), admin)
                .json();
        assertThat(patched.path("url").asText()).isEqualTo("https://hooks.example.com/in");
        assertThat(patched.path("events")).extracting(JsonNode::asText).containsExactly("user.deactivated");
        assertThat(call("PATCH", "/admin/webhooks/" + id, Map.of("url", "http://192.168.1.1/"), admin).errorCode())
                .isEqualTo("webhook_url_not_allowed");

        // a user is created: the endpoint (now only for deactivations) is not told; after the patch back it is
        call("PATCH", "/admin/webhooks/" + id, Map.of("events", List.of("user.created")), admin);
        member("new@example.com");
        JsonNode deliveries = call("GET", "/admin/webhooks/" + id + "/deliveries", null, admin).json();
        assertThat(deliveries.path("deliveries")).hasSize(1);
        JsonNode delivery = deliveries.path("deliveries").get(0);
        assertThat(delivery.path("type").asText()).isEqualTo("user.created");
        assertThat(delivery.path("state").asText()).isEqualTo("pending");
        assertThat(delivery.path("messageId").asText()).startsWith("msg_");
        assertThat(call("GET", "/admin/webhooks/" + id + "/deliveries?limit=0", null, admin).errorCode())
                .isEqualTo("invalid_page");
        assertThat(call("GET", "/admin/webhooks/" + id + "/deliveries?limit=x", null, admin).errorCode())
                .isEqualTo("invalid_page");

        assertThat(call("DELETE", "/admin/webhooks/" + id, null, admin).status()).isEqualTo(204);
        assertThat(call("GET", "/admin/webhooks/" + id, null, admin).status()).isEqualTo(404);
        assertThat(api.memory.webhookOutbox().claimDue(Instant.now().plusSeconds(60), Instant.now().plusSeconds(90), 10))
                .extracting(WebhookDelivery::endpointId).doesNotContain(id);
    }
}
