package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The self-service and administration changes tell the webhooks, and an erased user's events go. */
class AccountWebhookEventsTest {

    private static final String PASSWORD = "correct horse";
    private static final List<String> TYPES = List.of("user.created", "user.email_changed", "user.password_changed",
            "user.updated", "user.deleted", "session.revoked");

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    private String admin() {
        JsonNode login = api.signedIn("admin@example.com", PASSWORD).json();
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(),
                login.path("user").path("id").asLong(), Role.ADMIN, true, ClientAddress.unknown()));
        return api.post("/auth/login", Map.of("email", "admin@example.com", "password", PASSWORD)).json()
                .path("accessToken").asText();
    }

    private String endpoint;

    /** Oldest first. */
    private List<WebhookDelivery> deliveries() {
        List<WebhookDelivery> newestFirst = new java.util.ArrayList<>(api.memory.webhookOutbox()
                .deliveriesOf(endpoint, 1000));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Test
    void eachChangeIsAnEventAndAnErasedUsersEarlierEventsAreGone() {
        String admin = admin();
        RestFixture.Reply hook = api.send("POST", "/admin/webhooks", "application/json", RestFixture.json(Map.of(
                "url", "https://hooks.example.com/in", "events", TYPES)), Map.of("Authorization", "Bearer " + admin));
        assertThat(hook.status()).isEqualTo(201);
        endpoint = hook.json().path("id").asText();
        JsonNode eve = api.signedIn("eve@example.com", PASSWORD).json();
        long id = eve.path("user").path("id").asLong();
        String access = api.post("/user/password", Map.of("currentPassword", PASSWORD, "newPassword",
                "a newer horse"), eve.path("accessToken").asText()).json().path("accessToken").asText();
        api.post("/user/email", Map.of("newEmail", "eve2@example.com", "password", "a newer horse"), access);
        api.post("/user/email/confirm", Map.of("code",
                api.lastCode(MailKind.EMAIL_CHANGE, "eve2@example.com").orElseThrow()), access);
        api.send("PATCH", "/admin/users/" + id, "application/json", RestFixture.json(Map.of("firstname", "Eve")),
                Map.of("Authorization", "Bearer " + admin));
        api.delete("/user/sessions", access);

        List<String> before = deliveries().stream().filter(d -> d.event().userId() == id)
                .map(d -> d.event().type().wireName()).toList();
        String payloads = deliveries().stream().map(d -> d.event().payload()).toList().toString();
        int deleted = api.send("DELETE", "/admin/users/" + id, null, null,
                Map.of("Authorization", "Bearer " + admin)).status();
        List<WebhookDelivery> after = deliveries().stream().filter(d -> d.event().userId() == id).toList();

        assertThat(before).containsExactly("user.created", "user.password_changed", "session.revoked",
                "user.email_changed", "user.updated", "session.revoked");
        assertThat(payloads).contains("eve2@example.com").doesNotContain(PASSWORD, "a newer horse");
        assertThat(deleted).isEqualTo(204);
        assertThat(after).extracting(d -> d.event().type().wireName()).containsExactly("user.deleted");
        assertThat(after.get(0).event().payload()).doesNotContain("eve");
    }
}
