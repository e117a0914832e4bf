package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server instances over one PostgreSQL are one OpenID Provider: a client registered on one is
 * known to the other, a code issued on one is redeemed on the other, and two redemptions of one
 * code racing on both instances never both get tokens.
 */
class OidcScaleOutTest {

    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String ISSUER = "https://id.example.com";
    private static EmbeddedPostgres postgres;
    private static int databases;

    private final OidcHttp oidc = new OidcHttp();
    private UserServiceServer first;
    private UserServiceServer second;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void startTwoInstances() throws Exception {
        String database = "oidc_" + (++databases);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        Map<String, String> env = Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", postgres.getJdbcUrl("postgres", database),
                "USERSVC_DB_USER", "postgres",
                "USERSVC_BCRYPT_COST", "4",
                "USERSVC_ISSUER", ISSUER,
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", ADMIN,
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        first = UserServiceServer.start(AppConfig.from(env));
        second = UserServiceServer.start(AppConfig.from(env));
        oidc.register(base(first), ADMIN, PASSWORD, List.of("authorization_code", "refresh_token"));
    }

    @AfterEach
    void stopInstances() {
        first.close();
        second.close();
    }

    private static String base(UserServiceServer instance) {
        return "http://127.0.0.1:" + instance.port();
    }

    private int userInfo(UserServiceServer instance, String accessToken) throws Exception {
        return oidc.send(base(instance), "GET", "/oidc/userinfo", null, null,
                Map.of("Authorization", "Bearer " + accessToken)).statusCode();
    }

    @Test
    void aCodeIssuedOnOneInstanceIsRedeemedOnTheOther() throws Exception {
        String verifier = OidcHttp.verifier();
        String code = oidc.authorize(base(first), ADMIN, PASSWORD, verifier, ISSUER);

        HttpResponse<String> tokens = oidc.redeem(base(second), code, verifier);

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(OidcHttp.json(tokens).path("id_token").asText()).isNotEmpty();
        String access = OidcHttp.json(tokens).path("access_token").asText();
        assertThat(userInfo(first, access)).isEqualTo(200);
        assertThat(oidc.redeem(base(first), code, verifier).statusCode()).as("the replay on the other instance")
                .isEqualTo(400);
        assertThat(userInfo(second, access)).as("the replay revoked what the code gave").isEqualTo(401);
    }

    @Test
    void twoRedemptionsOfOneCodeRacingOnBothInstancesNeverBothGetTokens() throws Exception {
        for (int round = 0; round < 5; round++) {
            String verifier = OidcHttp.verifier();
            String code = oidc.authorize(base(first), ADMIN, PASSWORD, verifier, ISSUER);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (UserServiceServer instance : List.of(first, second)) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return oidc.redeem(base(instance), code, verifier);
                }));
            }
            go.countDown();
            List<HttpResponse<String>> replies = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                replies.add(call.get(30, TimeUnit.SECONDS));
            }
            pool.shutdownNow();

            List<HttpResponse<String>> won = replies.stream().filter(r -> r.statusCode() == 200).toList();
            assertThat(won).hasSizeLessThanOrEqualTo(1);
            assertThat(replies).filteredOn(r -> r.statusCode() != 200)
                    .allSatisfy(r -> assertThat(OidcHttp.json(r).path("error").asText()).isEqualTo("invalid_grant"));
            for (HttpResponse<String> winner : won) {
                String access = OidcHttp.json(winner).path("access_token").asText();
                assertThat(userInfo(first, access)).as("a replay, however close, revokes the winner's tokens")
                        .isEqualTo(401);
            }
        }
    }
}
