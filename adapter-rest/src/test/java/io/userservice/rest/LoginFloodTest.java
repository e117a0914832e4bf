package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.settings.CoreSettings;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While every password-hashing slot is taken, a sign-in is answered at once with 503. */
class LoginFloodTest {

    private final GatedHasher hasher = new GatedHasher();
    private final RestFixture api = new RestFixture(CoreSettings.defaults(),
            builder -> builder.passwordHasher(hasher).passwordHashingLimit(1, 0));

    @AfterEach
    void stop() {
        hasher.open.countDown();
        api.close();
    }

    @Test
    void aSignInBeyondTheHashingLimitIsA503WithRetryAfterWhileCheapRequestsStillWork() throws Exception {
        Map<String, String> login = Map.of("email", "jane@example.com", "password", "whatever else");
        CompletableFuture<RestFixture.Reply> first = CompletableFuture.supplyAsync(() -> api.post("/auth/login", login));
        assertThat(hasher.started.await(30, TimeUnit.SECONDS)).isTrue();

        RestFixture.Reply refused = api.post("/auth/login", login);
        RestFixture.Reply health = api.get("/health");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("too_busy");
        assertThat(refused.json().path("status").asText()).isEqualTo("error");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(health.status()).isEqualTo(200);

        hasher.open.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(401);
        assertThat(api.post("/auth/login", login).status()).isEqualTo(401);
    }

    /** bcrypt at cost 4 whose first verification waits until the test lets it finish. */
    private static final class GatedHasher implements PasswordHasher {
        private final PasswordHasher bcrypt = new BcryptPasswordHasher(4);
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        public String hash(String password) {
            return bcrypt.hash(password);
        }

        @Override
        public boolean verify(String password, String hash) {
            started.countDown();
            try {
                open.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return bcrypt.verify(password, hash);
        }

        @Override
        public boolean needsRehash(String hash) {
            return bcrypt.needsRehash(hash);
        }
    }
}
