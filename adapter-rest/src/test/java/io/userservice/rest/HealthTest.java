package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthTest {

    private final RestFixture api = new RestFixture();

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void healthIsPlainText() {
        RestFixture.Reply reply = api.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(reply.body()).isEqualTo("all good");
    }

    @Test
    void anUnreachableStoreIsA503UntilItIsBack() {
        api.storeDown.set(true);
        RestFixture.Reply down = api.post("/auth/login", java.util.Map.of("email", "a@example.com", "password", "whatever"));
        api.storeDown.set(false);
        RestFixture.Reply back = api.post("/auth/login", java.util.Map.of("email", "a@example.com", "password", "whatever"));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.errorCode()).isEqualTo("store_unavailable");
        assertThat(down.header("Retry-After")).isEqualTo("5");
        assertThat(down.body()).doesNotContain("connection refused");
        assertThat(back.status()).isEqualTo(401);
    }

    @Test
    void readinessFollowsTheStore() {
        api.storeReady.set(true);
        assertThat(api.get("/health/ready").status()).isEqualTo(200);

        api.storeReady.set(false);
        RestFixture.Reply down = api.get("/health/ready");
        api.storeReady.set(true);

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.errorCode()).isEqualTo("store_unavailable");
    }
}
