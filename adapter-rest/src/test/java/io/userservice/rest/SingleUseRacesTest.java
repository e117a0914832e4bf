package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.MailKind;
import io.userservice.core.settings.CoreSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Many clients present one single-use secret at the same moment, over HTTP: exactly one wins, the
 * others get a 4xx. Refresh tokens are checked with no grace window, so a second use counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleUseRacesTest {

    private static final int RACERS = 12;
    private static final String PASSWORD = "correct horse";

    private final RestFixture api = new RestFixture(CoreSettings.defaults().withRefreshReuseGrace(Duration.ZERO));

    @AfterAll
    void stop() {
        api.close();
    }

    private List<RestFixture.Reply> race(Callable<RestFixture.Reply> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RestFixture.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<RestFixture.Reply> replies = new ArrayList<>();
            for (Future<RestFixture.Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertExactlyOneWon(List<RestFixture.Reply> replies, int winning) {
        assertThat(replies).filteredOn(r -> r.status() == winning).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() != winning)
                .allSatisfy(r -> assertThat(r.status()).as(r.body()).isBetween(400, 499));
    }

    @Test
    void aConfirmationCodeConfirmsOnce() throws Exception {
        api.post("/users", Map.of("email", "race-confirm@example.com", "password", PASSWORD));
        String code = api.lastCode(MailKind.EMAIL_CONFIRMATION, "race-confirm@example.com").orElseThrow();

        assertExactlyOneWon(race(() -> api.post("/users/confirm", Map.of("code", code))), 200);
    }

    @Test
    void aResetCodeSetsOnePassword() throws Exception {
        api.signedIn("race-reset@example.com", PASSWORD);
        api.post("/users/password/reset", Map.of("email", "race-reset@example.com"));
        String code = api.lastCode(MailKind.PASSWORD_RESET, "race-reset@example.com").orElseThrow();
        List<String> chosen = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<RestFixture.Reply> replies = race(() -> {
            String password = "new password " + Thread.currentThread().getId();
            RestFixture.Reply reply = api.post("/users/password/reset/complete", Map.of("code", code,
                    "password", password));
            if (reply.status() == 200) {
                chosen.add(password);
            }
            return reply;
        });

        assertExactlyOneWon(replies, 200);
        assertThat(api.post("/auth/login", Map.of("email", "race-reset@example.com", "password", chosen.get(0)))
                .status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenRotatesOnceAndTheLosersRevokeTheFamily() throws Exception {
        String refresh = api.signedIn("race-refresh@example.com", PASSWORD).json().path("refreshToken").asText();

        List<RestFixture.Reply> replies = race(() -> api.post("/auth/token", Map.of("refreshToken", refresh)));

        assertExactlyOneWon(replies, 200);
        String successor = replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow()
                .json().path("refreshToken").asText();
        // the reuse was taken for theft: the winner's successor is revoked with its family
        assertThat(api.post("/auth/token", Map.of("refreshToken", successor)).status()).isEqualTo(401);
    }

    @Test
    void aPortalTokenSignsInOnce() throws Exception {
        api.signedIn("race-portal@example.com", PASSWORD);
        String token = api.post("/api/sys/users/token", Map.of("email", "race-portal@example.com",
                "password", PASSWORD)).json().path("Value").asText();
        String link = "/en/user/login?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);

        List<RestFixture.Reply> replies = race(() -> api.get(link));

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(303));
        assertThat(replies).filteredOn(r -> r.header("Set-Cookie") != null).hasSize(1);
        assertThat(replies).filteredOn(r -> r.header("Location").endsWith("?error=link")).hasSize(RACERS - 1);
    }
}
