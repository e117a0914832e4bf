package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OpenID Connect sign-ins and tokens in the metrics: the sign-in under channel {@code oidc}. */
class OidcMetricsTest {

    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "correct horse battery";

    private UserServiceServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anOpenIdConnectSignInCountsUnderItsOwnChannel() throws Exception {
        Cli cli = new Cli(Map.of("USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:oidc-metrics-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_BCRYPT_COST", "4", "USERSVC_MANAGEMENT_PORT", "0",
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", ADMIN, "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD));
        assertThat(Cli.run(cli, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "serve"))
                .isZero();
        server = cli.server();
        String api = "http://127.0.0.1:" + server.port();
        String management = "http://127.0.0.1:" + server.managementPort().orElseThrow();
        OidcHttp oidc = new OidcHttp();
        oidc.register(api, ADMIN, PASSWORD, List.of("authorization_code", "refresh_token"));
        String verifier = OidcHttp.verifier();

        String code = oidc.authorize(api, ADMIN, PASSWORD, verifier, cli.config().issuer());
        HttpResponse<String> tokens = oidc.redeem(api, code, verifier);
        assertThat(tokens.statusCode()).isEqualTo(200);

        String scrape = oidc.send(management, "GET", "/metrics", null, null, Map.of()).body();
        assertThat(value(scrape, "usersvc_signins_total{channel=\"oidc\",outcome=\"success\"}")).isEqualTo(1);
        assertThat(value(scrape, "usersvc_signins_total{channel=\"portal\",outcome=\"success\"}")).isZero();
        assertThat(value(scrape, "usersvc_signins_total{channel=\"native\",outcome=\"success\"}"))
                .as("the administrator's sign-in to register the client").isEqualTo(1);
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.lines().toList()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }
}
