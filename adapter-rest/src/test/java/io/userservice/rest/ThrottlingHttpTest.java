package io.userservice.rest;

import static io.userservice.rest.NexudusUserObjectTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.MailKind;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.settings.ThrottleSettings.Limit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Too many attempts get 429 with Retry-After on every surface, alike for known and unknown accounts. */
class ThrottlingHttpTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String PASSWORD = "correct horse battery";

    /** Three failures per account and six per address; three of everything else per address or account. */
    private final RestFixture api = new RestFixture(CoreSettings.defaults(), new ThrottleSettings(
            new Limit(3, WINDOW), new Limit(6, WINDOW), new Limit(3, WINDOW), new Limit(3, WINDOW),
            new Limit(3, WINDOW), new Limit(3, WINDOW), new Limit(3, WINDOW)), CorsOrigins.none());

    @AfterEach
    void stop() {
        api.close();
    }

    private RestFixture.Reply login(String email, String password, String address) {
        return api.send("POST", "/auth/login", "application/json",
                RestFixture.json(Map.of("email", email, "password", password)), from(address));
    }

    private static Map<String, String> from(String address) {
        return Map.of(RestFixture.CLIENT_ADDRESS_HEADER, address);
    }

    private static void assertThrottled(RestFixture.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(429);
        assertThat(reply.errorCode()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, WINDOW.toSeconds());
    }

    /** The Nexudus-compatible endpoints answer in their envelope. */
    private static void assertThrottledEnvelope(RestFixture.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(429);
        assertThat(reply.json().path("Status").asInt()).isEqualTo(429);
        assertThat(reply.json().path("WasSuccessful").asBoolean(true)).isFalse();
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, WINDOW.toSeconds());
    }

    @Test
    void anAccountIsThrottledAfterItsFailuresEvenWithTheRightPasswordAndFromAnotherAddress() {
        api.signedIn("jane@example.com", PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThat(login("jane@example.com", "not it " + i, "10.0.0." + i).status()).isEqualTo(401);
        }

        assertThrottled(login("jane@example.com", PASSWORD, "10.9.9.9"));
        assertThrottledEnvelope(api.send("GET", "/en/user/me", null, null, Map.of("Authorization", basic("jane@example.com",
                PASSWORD), RestFixture.CLIENT_ADDRESS_HEADER, "10.9.9.8")));
        assertThrottledEnvelope(api.send("POST", "/api/sys/users/validate", "application/json",
                RestFixture.json(Map.of("Email", "jane@example.com", "Password", PASSWORD)), from("10.9.9.7")));
        assertThrottledEnvelope(api.send("POST", "/api/sys/users/token", "application/json",
                RestFixture.json(Map.of("email", "JANE@example.com", "password", PASSWORD)), from("10.9.9.6")));
    }

    @Test
    void throttledAnswersAreTheSameForKnownAndUnknownAccounts() {
        api.signedIn("known@example.com", PASSWORD);
        for (int i = 0; i < 3; i++) {
            login("known@example.com", "wrong-" + i, "10.0.1." + i);
            login("unknown@example.com", "wrong-" + i, "10.0.2." + i);
        }

        RestFixture.Reply known = login("known@example.com", "anything", "10.0.3.1");
        RestFixture.Reply unknown = login("unknown@example.com", "anything", "10.0.3.2");

        assertThrottled(known);
        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(unknown.comparableBody()).isEqualTo(known.comparableBody());
    }

    @Test
    void bruteForceFromOneAddressIsThrottledAcrossAccounts() {
        api.signedIn("jane@example.com", PASSWORD);
        for (int i = 0; i < 6; i++) {
            assertThat(login("victim" + i + "@example.com", "guess", "192.0.2.66").status()).isEqualTo(401);
        }

        assertThrottled(login("jane@example.com", PASSWORD, "192.0.2.66"));
        assertThat(login("jane@example.com", PASSWORD, "192.0.2.67").status()).isEqualTo(200);
    }

    @Test
    void registrationsExistenceChecksAndCodeGuessesArePerAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.send("POST", "/users", "application/json", RestFixture.json(Map.of(
                    "email", "r" + i + "@example.com", "password", PASSWORD)), from("198.51.100.5")).status())
                    .isEqualTo(201);
            assertThat(api.send("GET", "/en/user/exists?email=r0@example.com", null, null, from("198.51.100.5"))
                    .body()).isEqualTo("true");
            assertThat(api.send("POST", "/users/confirm", "application/json",
                    RestFixture.json(Map.of("code", "guess-" + i)), from("198.51.100.5")).status()).isEqualTo(400);
        }

        assertThrottled(api.send("POST", "/users", "application/json", RestFixture.json(Map.of(
                "email", "r9@example.com", "password", PASSWORD)), from("198.51.100.5")));
        assertThrottledEnvelope(api.send("GET", "/en/user/exists?email=r0@example.com", null, null,
                from("198.51.100.5")));
        String code = api.lastCode(MailKind.EMAIL_CONFIRMATION, "r0@example.com").orElseThrow();
        assertThrottled(api.send("POST", "/users/confirm", "application/json", RestFixture.json(Map.of("code", code)),
                from("198.51.100.5")));
        assertThrottled(api.send("POST", "/users/password/reset/complete", "application/json",
                RestFixture.json(Map.of("code", "guess", "password", "a fresh password")), from("198.51.100.5")));

        assertThat(api.send("POST", "/users/confirm", "application/json", RestFixture.json(Map.of("code", code)),
                from("198.51.100.6")).status()).isEqualTo(200);
    }

    @Test
    void resetRequestsOverTheAccountsLimitAnswerAsUsualButSendNoMail() {
        api.signedIn("jane@example.com", PASSWORD);
        for (int i = 0; i < 3; i++) {
            RestFixture.Reply known = api.send("POST", "/users/password/reset", "application/json",
                    RestFixture.json(Map.of("email", "jane@example.com")), from("10.5.0." + i));
            RestFixture.Reply unknown = api.send("POST", "/users/password/reset", "application/json",
                    RestFixture.json(Map.of("email", "ghost@example.com")), from("10.6.0." + i));
            assertThat(known.status()).isEqualTo(202);
            assertThat(unknown.comparableBody()).isEqualTo(known.comparableBody());
        }

        RestFixture.Reply known = api.send("POST", "/users/password/reset", "application/json",
                RestFixture.json(Map.of("email", "jane@example.com")), from("10.7.0.1"));
        RestFixture.Reply unknown = api.send("POST", "/users/password/reset", "application/json",
                RestFixture.json(Map.of("email", "ghost@example.com")), from("10.7.0.2"));
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.comparableBody()).isEqualTo(known.comparableBody());
        api.core.mailDispatcher().deliverDue();
        assertThat(api.notifier.sent()).filteredOn(n -> n.kind() == MailKind.PASSWORD_RESET).hasSize(3);
    }

    @Test
    void theOwnersDeviceKeepsSigningInWhileSomeoneGuessesThePassword() {
        api.signedIn("jane@example.com", PASSWORD);
        String device = api.send("POST", "/auth/login", "application/json",
                RestFixture.json(Map.of("email", "jane@example.com", "password", PASSWORD)), from("10.1.1.1"))
                .json().path("deviceToken").asText();
        RestFixture.Reply portal = api.send("POST", "/en/user/signin", "application/x-www-form-urlencoded",
                "email=jane%40example.com&password=correct+horse+battery", Map.of("Origin", "https://id.example.com",
                        RestFixture.CLIENT_ADDRESS_HEADER, "10.1.1.2"));
        String deviceCookie = portal.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("usersvc_device=")).findFirst().orElseThrow();
        for (int i = 0; i < 10; i++) {
            login("jane@example.com", "guess " + i, "10.66.0." + (i % 5));
        }

        assertThrottled(login("jane@example.com", PASSWORD, "10.1.1.1"));
        RestFixture.Reply owner = api.send("POST", "/auth/login", "application/json", RestFixture.json(Map.of(
                "email", "jane@example.com", "password", PASSWORD, "deviceToken", device)), from("10.1.1.1"));
        RestFixture.Reply ownerInTheBrowser = api.send("POST", "/en/user/signin", "application/x-www-form-urlencoded",
                "email=jane%40example.com&password=correct+horse+battery", Map.of("Origin", "https://id.example.com",
                        RestFixture.CLIENT_ADDRESS_HEADER, "10.1.1.2", "Cookie", deviceCookie.split(";")[0]));

        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(owner.json().path("deviceToken").asText()).isNotBlank();
        assertThat(ownerInTheBrowser.status()).isEqualTo(303);
        assertThat(ownerInTheBrowser.header("Location")).doesNotContain("error");
        assertThat(deviceCookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void thePortalFormSaysSoWithoutStartingASession() {
        api.signedIn("jane@example.com", PASSWORD);
        for (int i = 0; i < 3; i++) {
            login("jane@example.com", "wrong", "10.8.0." + i);
        }

        RestFixture.Reply reply = api.send("POST", "/en/user/signin", "application/x-www-form-urlencoded",
                "email=jane%40example.com&password=correct+horse+battery", Map.of("Origin", "https://id.example.com",
                        RestFixture.CLIENT_ADDRESS_HEADER, "10.8.1.1"));

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.header("Location")).endsWith("/en/?error=throttled");
        assertThat(reply.header("Set-Cookie")).isNull();
    }

    @Test
    void theMailLinkPagesAnswerAThrottledButtonWithAPage() {
        Map<String, String> headers = Map.of("Origin", "https://id.example.com",
                RestFixture.CLIENT_ADDRESS_HEADER, "10.3.0.1");
        for (int i = 0; i < 3; i++) {
            assertThat(api.send("POST", "/en/user/confirm", "application/x-www-form-urlencoded", "code=guess" + i,
                    headers).status()).isEqualTo(400);
        }

        RestFixture.Reply confirm = api.send("POST", "/en/user/confirm", "application/x-www-form-urlencoded",
                "code=guess", headers);
        RestFixture.Reply reset = api.send("POST", "/en/user/resetPassword/complete",
                "application/x-www-form-urlencoded", "code=guess&password=a+fresh+password", headers);

        for (RestFixture.Reply reply : java.util.List.of(confirm, reset)) {
            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.header("Content-Type")).startsWith("text/html");
            assertThat(reply.header("Retry-After")).isNotNull();
            assertThat(reply.body()).contains("Too many attempts");
        }
    }

    @Test
    void theForgotPageAnswersRequestsOverTheAddressLimitWithAPageAndSendsNothingMore() {
        api.signedIn("jane@example.com", PASSWORD);
        Map<String, String> headers = Map.of("Origin", "https://id.example.com",
                RestFixture.CLIENT_ADDRESS_HEADER, "10.8.0.1");
        for (int i = 0; i < 3; i++) {
            assertThat(api.send("POST", "/de/user/forgot", "application/x-www-form-urlencoded",
                    "email=ghost" + i + "%40example.com", headers).status()).isEqualTo(200);
        }

        RestFixture.Reply page = api.send("POST", "/de/user/forgot", "application/x-www-form-urlencoded",
                "email=jane%40example.com", headers);

        assertThat(page.status()).isEqualTo(429);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(Long.parseLong(page.header("Retry-After"))).isBetween(1L, WINDOW.toSeconds());
        assertThat(page.body()).contains("<html lang=\"de\">");
        api.core.mailDispatcher().deliverDue();
        assertThat(api.notifier.sent()).filteredOn(n -> n.kind() == MailKind.PASSWORD_RESET).isEmpty();
    }
}
