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
