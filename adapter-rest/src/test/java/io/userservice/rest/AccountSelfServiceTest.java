package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The self-service routes under {@code /user}, attacked first and then used as meant. */
class AccountSelfServiceTest {

    private static final String PASSWORD = "correct horse";
    private static final String NEW_PASSWORD = "an even better horse";

    private final RestFixture api = new RestFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    private record Account(long id, String accessToken, String refreshToken) {
    }

    private Account signedIn(String email) {
        JsonNode login = api.signedIn(email, PASSWORD).json();
        return new Account(login.path("user").path("id").asLong(), login.path("accessToken").asText(),
                login.path("refreshToken").asText());
    }

    private Account logIn(String email, String password, String userAgent) {
        JsonNode login = api.send("POST", "/auth/login", "application/json",
                RestFixture.json(Map.of("email", email, "password", password)),
                Map.of("User-Agent", userAgent, RestFixture.CLIENT_ADDRESS_HEADER, "198.51.100.4")).json();
        return new Account(login.path("user").path("id").asLong(), login.path("accessToken").asText(),
                login.path("refreshToken").asText());
    }

    private RestFixture.Reply deleteWithBody(String path, Object body, String token) {
        return api.send("DELETE", path, "application/json", RestFixture.json(body),
                Map.of("Authorization", "Bearer " + token));
    }

    private String impersonationTokenFor(long userId) {
        Account admin = signedIn("admin@example.com");
        api.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        return api.send("POST", "/api/sys/users/" + userId + "/token/refresh", "application/json", "{}",
                Map.of("Authorization", "Bearer " + admin.accessToken())).json().path("Value").asText();
    }

    @Test
    void anotherUsersSessionIdIsNotFoundAndTheSessionLives() {
        Account ann = signedIn("ann@example.com");
        Account bob = signedIn("bob@example.com");
        String annsSession = api.get("/user/sessions", ann.accessToken()).json().path("sessions").get(0).path("id")
                .asText();

        RestFixture.Reply byBob = api.delete("/user/sessions/" + annsSession, bob.accessToken());
        RestFixture.Reply garbage = api.delete("/user/sessions/..%2F..%2Fadmin", bob.accessToken());

        assertThat(byBob.status()).isEqualTo(404);
        assertThat(byBob.errorCode()).isEqualTo("not_found");
        assertThat(garbage.status()).isIn(400, 404);
        assertThat(api.post("/auth/token", Map.of("refreshToken", ann.refreshToken())).status()).isEqualTo(200);
        assertThat(api.get("/user/sessions", bob.accessToken()).json().path("sessions").toString())
                .doesNotContain(annsSession);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedLikeASignInAndThrottledLikeOne() {
        Account cat = signedIn("cat@example.com");

        RestFixture.Reply wrong = api.post("/user/password",
                Map.of("currentPassword", "not it", "newPassword", NEW_PASSWORD), cat.accessToken());
        for (int i = 0; i < 9; i++) {
            api.post("/user/password", Map.of("currentPassword", "not it", "newPassword", NEW_PASSWORD),
                    cat.accessToken());
        }
        RestFixture.Reply throttled = api.post("/user/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD), cat.accessToken());
        RestFixture.Reply deleteThrottled = deleteWithBody("/user", Map.of("password", PASSWORD), cat.accessToken());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(deleteThrottled.status()).isEqualTo(429);
        assertThat(api.get("/user", cat.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void anImpersonationTokenCannotChangePasswordOrEmailNorDeleteTheAccount() {
        Account dee = signedIn("dee@example.com");
        String minted = impersonationTokenFor(dee.id());
        assertThat(api.get("/user", minted).status()).isEqualTo(200);

        RestFixture.Reply password = api.post("/user/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD), minted);
        RestFixture.Reply email = api.post("/user/email", Map.of("newEmail", "thief@example.com", "password", PASSWORD),
                minted);
        RestFixture.Reply delete = deleteWithBody("/user", Map.of("password", PASSWORD), minted);

        for (RestFixture.Reply refused : List.of(password, email, delete)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden");
        }
        assertThat(api.post("/auth/login", Map.of("email", "dee@example.com", "password", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(api.sent()).noneMatch(mail -> mail.email().equals("thief@example.com"));
    }

    @Test
    void aPasswordChangeReturnsTheOneSessionLeft() {
        Account phone = signedIn("eli@example.com");
        Account laptop = logIn("eli@example.com", PASSWORD, "Laptop/1.0");

        RestFixture.Reply changed = api.send("POST", "/user/password", "application/json",
                RestFixture.json(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)),
                Map.of("Authorization", "Bearer " + phone.accessToken(), "User-Agent", "Phone/2.0"));

        assertThat(changed.status()).isEqualTo(200);
        JsonNode body = changed.json();
        assertThat(body.path("user").path("email").asText()).isEqualTo("eli@example.com");
        String access = body.path("accessToken").asText();
        assertThat(api.get("/user", access).status()).isEqualTo(200);
        for (Account old : List.of(phone, laptop)) {
            assertThat(api.get("/user", old.accessToken()).status()).isEqualTo(401);
            assertThat(api.post("/auth/token", Map.of("refreshToken", old.refreshToken())).status()).isEqualTo(401);
        }
        JsonNode sessions = api.get("/user/sessions", access).json().path("sessions");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).path("userAgent").asText()).isEqualTo("Phone/2.0");
        assertThat(api.post("/auth/token", Map.of("refreshToken", body.path("refreshToken").asText())).status())
                .isEqualTo(200);
        assertThat(api.post("/auth/login", Map.of("email", "eli@example.com", "password", PASSWORD)).status())
                .isEqualTo(401);
        assertThat(api.sent()).anyMatch(mail -> mail.kind() == MailKind.PASSWORD_CHANGED_NOTICE
                && mail.email().equals("eli@example.com") && mail.code() == null);
    }

    @Test
    void aBadNewPasswordOrBodyIsAClearErrorAndChangesNothing() {
        Account fox = signedIn("fox@example.com");

        RestFixture.Reply tooShort = api.post("/user/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "short"), fox.accessToken());
        RestFixture.Reply noBody = api.send("POST", "/user/password", "application/json", null,
                Map.of("Authorization", "Bearer " + fox.accessToken()));
        RestFixture.Reply malformed = api.send("POST", "/user/password", "application/json", "{\"currentPassword\":",
                Map.of("Authorization", "Bearer " + fox.accessToken()));
        RestFixture.Reply noToken = api.post("/user/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));

        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.errorCode()).isEqualTo("password_too_short");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(api.get("/user", fox.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void sessionsShowTheirClientsAndEndOneByOneOrAllAtOnce() {
        Account first = logIn(signedIn("gil@example.com").id() > 0 ? "gil@example.com" : "", PASSWORD, "Phone/1.0");
        Account second = logIn("gil@example.com", PASSWORD, "Laptop/2.0");

        JsonNode sessions = api.get("/user/sessions", second.accessToken()).json().path("sessions");

        assertThat(sessions).hasSize(3);
        JsonNode newest = sessions.get(0);
        assertThat(newest.path("userAgent").asText()).isEqualTo("Laptop/2.0");
        assertThat(newest.path("clientAddress").asText()).isEqualTo("198.51.100.4");
        assertThat(newest.has("createdAt")).isTrue();
        assertThat(newest.has("lastUsedAt")).isTrue();
        assertThat(sessions.toString()).doesNotContain(second.refreshToken(), first.refreshToken());

        assertThat(api.delete("/user/sessions/" + newest.path("id").asText(), first.accessToken()).status())
                .isEqualTo(204);
        assertThat(api.post("/auth/token", Map.of("refreshToken", second.refreshToken())).status()).isEqualTo(401);
        assertThat(api.post("/auth/token", Map.of("refreshToken", first.refreshToken())).status()).isEqualTo(200);
        assertThat(api.delete("/user/sessions/" + newest.path("id").asText(), first.accessToken()).status())
                .isEqualTo(404);

        assertThat(api.delete("/user/sessions", first.accessToken()).status()).isEqualTo(204);

        assertThat(api.get("/user", first.accessToken()).status()).isEqualTo(401);
        assertThat(api.post("/auth/token", Map.of("refreshToken", first.refreshToken())).status()).isEqualTo(401);
        String fresh = logIn("gil@example.com", PASSWORD, "Tablet").accessToken();
        assertThat(api.get("/user/sessions", fresh).json().path("sessions")).hasSize(1);
    }

    @Test
    void anEmailChangeWaitsForItsCodeWhichWorksOnce() {
        Account hal = signedIn("hal@example.com");
        signedIn("taken@example.com");

        RestFixture.Reply taken = api.post("/user/email", Map.of("newEmail", "TAKEN@example.com", "password", PASSWORD),
                hal.accessToken());
        RestFixture.Reply invalid = api.post("/user/email", Map.of("newEmail", "no at sign", "password", PASSWORD),
                hal.accessToken());
        RestFixture.Reply wrongPassword = api.post("/user/email",
                Map.of("newEmail", "hal2@example.com", "password", "nope"), hal.accessToken());
        RestFixture.Reply accepted = api.post("/user/email", Map.of("newEmail", "hal2@example.com", "password", PASSWORD),
                hal.accessToken());
        String code = api.lastCode(MailKind.EMAIL_CHANGE, "hal2@example.com").orElseThrow();
        int signInWithOld = api.post("/auth/login", Map.of("email", "hal@example.com", "password", PASSWORD)).status();
        RestFixture.Reply badCode = api.post("/user/email/confirm", Map.of("code", "not-the-code"), hal.accessToken());
        RestFixture.Reply confirmed = api.post("/user/email/confirm", Map.of("code", code), hal.accessToken());
        RestFixture.Reply again = api.post("/user/email/confirm", Map.of("code", code), hal.accessToken());

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("email_taken");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo("invalid_email");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(signInWithOld).isEqualTo(200);
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.errorCode()).isEqualTo("invalid_code");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().path("user").path("email").asText()).isEqualTo("hal2@example.com");
        assertThat(again.status()).isEqualTo(400);
        assertThat(api.post("/auth/login", Map.of("email", "hal2@example.com", "password", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(api.sent()).anyMatch(mail -> mail.kind() == MailKind.EMAIL_CHANGED_NOTICE
                && mail.email().equals("hal@example.com"));
    }

    @Test
    void anEmailCodeRacedByManyRequestsIsUsedOnce() throws Exception {
        Account ivy = signedIn("ivy@example.com");
        api.post("/user/email", Map.of("newEmail", "ivy2@example.com", "password", PASSWORD), ivy.accessToken());
        String code = api.lastCode(MailKind.EMAIL_CHANGE, "ivy2@example.com").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<Integer> confirm = () -> api.post("/user/email/confirm", Map.of("code", code),
                        ivy.accessToken()).status();
                calls.add(pool.submit(confirm));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }

            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 400);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.sent()).filteredOn(mail -> mail.kind() == MailKind.EMAIL_CHANGED_NOTICE).hasSize(1);
    }

    @Test
    void theExportHoldsTheAccountButNoSecret() {
        Account jay = signedIn("jay@example.com");
        api.post("/user/attributes", Map.of("attributeKey", "plan", "attributeText", "gold"), jay.accessToken());

        RestFixture.Reply export = api.get("/user/export", jay.accessToken());

        assertThat(export.status()).isEqualTo(200);
        JsonNode body = export.json();
        assertThat(body.path("user").path("email").asText()).isEqualTo("jay@example.com");
        assertThat(body.path("attributes").path("plan").asText()).isEqualTo("gold");
        assertThat(body.path("sessions")).hasSize(1);
        assertThat(body.path("auditEvents").toString()).contains("sign-in");
        assertThat(export.body()).doesNotContain(jay.refreshToken(), jay.accessToken(), "$2", "hash", "\"code\"",
                "passwordHash");
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndEndsEverything() {
        Account kay = signedIn("kay@example.com");

        RestFixture.Reply wrong = deleteWithBody("/user", Map.of("password", "not it"), kay.accessToken());
        RestFixture.Reply noBody = api.delete("/user", kay.accessToken());
        RestFixture.Reply deleted = deleteWithBody("/user", Map.of("password", PASSWORD), kay.accessToken());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(noBody.status()).isIn(400, 415);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/user", kay.accessToken()).status()).isEqualTo(401);
        assertThat(api.post("/auth/token", Map.of("refreshToken", kay.refreshToken())).status()).isEqualTo(401);
        assertThat(api.post("/auth/login", Map.of("email", "kay@example.com", "password", PASSWORD)).status())
                .isEqualTo(401);
        Account again = signedIn("kay@example.com");
        assertThat(again.id()).isNotEqualTo(kay.id());
        assertThat(api.get("/user/export", again.accessToken()).json().path("auditEvents").toString())
                .doesNotContain("\"subjectId\":" + kay.id() + ",");
    }

    @Test
    void aDirectoryTheServiceOnlyReadsKeepsItsPasswordsEmailsAndAccounts() {
        Account lou = signedIn("lou@example.com");
        api.directoryReadOnly.set(true);

        RestFixture.Reply password = api.post("/user/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD), lou.accessToken());
        RestFixture.Reply email = api.post("/user/email", Map.of("newEmail", "lou2@example.com", "password", PASSWORD),
                lou.accessToken());
        RestFixture.Reply delete = deleteWithBody("/user", Map.of("password", PASSWORD), lou.accessToken());

        for (RestFixture.Reply refused : List.of(password, email, delete)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("managed_by_directory");
        }
        assertThat(api.get("/user/sessions", lou.accessToken()).status()).isEqualTo(200);
    }
}
