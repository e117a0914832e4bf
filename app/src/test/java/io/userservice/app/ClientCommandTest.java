package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCommandTest {

    private static final Pattern CLIENT_ID = Pattern.compile("client_id: (\\S+)");
    private static final Pattern SECRET = Pattern.compile("client_secret: (\\S+)");

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
    }

    private String find(Pattern pattern) {
        Matcher m = pattern.matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        return m.group(1);
    }

    @Test
    void createsListsRotatesAndDeletesClientsOnTheConfiguredDatabase(@TempDir Path dir) {
        Map<String, String> environment = Map.of("USERSVC_DB_URL", "jdbc:h2:file:" + dir.resolve("db"),
                "USERSVC_BCRYPT_COST", "4");

        assertThat(run(environment, "clients", "create", "--name", "Team wiki", "--redirect-uri",
                "https://wiki.example.com/callback", "--redirect-uri", "http://127.0.0.1:8080/callback",
                "--grant-type", "authorization_code", "--grant-type", "client_credentials")).isZero();
        String wiki = find(CLIENT_ID);
        String secret = find(SECRET);
        assertThat(run(environment, "clients", "create", "--name", "Phone app", "--public", "--redirect-uri",
                "com.example.app:/callback")).isZero();
        String app = find(CLIENT_ID);
        assertThat(out.toString()).doesNotContain("client_secret");

        assertThat(run(environment, "clients", "list")).isZero();
        assertThat(out.toString()).contains(wiki + "\tTeam wiki\tconfidential\tauthorization_code,client_credentials\t"
                + "https://wiki.example.com/callback http://127.0.0.1:8080/callback").contains(app + "\tPhone app\tpublic")
                .doesNotContain(secret);

        assertThat(run(environment, "clients", "rotate-secret", wiki)).isZero();
        assertThat(find(SECRET)).isNotEqualTo(secret);
        assertThat(run(environment, "clients", "rotate-secret", app)).isEqualTo(1);
        assertThat(err.toString()).contains("no secret").hasLineCount(1);

        assertThat(run(environment, "clients", "delete", wiki)).isZero();
        assertThat(run(environment, "clients", "delete", wiki)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("user-service: no client " + wiki + System.lineSeparator());
        assertThat(run(environment, "clients", "list")).isZero();
        assertThat(out.toString()).doesNotContain(wiki).contains(app);
    }

    @Test
    void unsafeOrMissingInputIsAUsageErrorInOneLine(@TempDir Path dir) {
        Map<String, String> environment = Map.of("USERSVC_DB_URL", "jdbc:h2:file:" + dir.resolve("db"),
                "USERSVC_BCRYPT_COST", "4");

        assertThat(run(environment, "clients", "create", "--name", "Bad", "--redirect-uri", "http://evil.example.net/"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--redirect-uri").contains("https").hasLineCount(1);
        assertThat(run(environment, "clients", "create", "--redirect-uri", "https://a.example/cb")).isEqualTo(2);
        assertThat(err.toString()).contains("--name").hasLineCount(1);
        assertThat(run(environment, "clients", "create", "--name", "X", "--public", "--grant-type",
                "client_credentials", "--redirect-uri", "https://a.example/cb")).isEqualTo(2);
        assertThat(err.toString()).contains("--grant-type").hasLineCount(1);
        assertThat(run(environment, "clients", "delete")).isEqualTo(2);
    }

    @Test
    void aClientsScopesAndTokenLifetimesAreSetAtCreationAndChecked(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Map<String, String> environment = Map.of("USERSVC_DB_URL", url, "USERSVC_BCRYPT_COST", "4");

        assertThat(run(environment, "clients", "create", "--name", "X", "--redirect-uri", "https://a.example/cb",
                "--scope", "openid", "--scope", "phone")).isEqualTo(2);
        assertThat(err.toString()).contains("--scope").hasLineCount(1);
        assertThat(run(environment, "clients", "create", "--name", "X", "--redirect-uri", "https://a.example/cb",
                "--access-token-lifetime", "5m")).isEqualTo(2);
        assertThat(err.toString()).contains("--access-token-lifetime").contains("ISO-8601").hasLineCount(1);
        assertThat(run(environment, "clients", "create", "--name", "X", "--redirect-uri", "https://a.example/cb",
                "--access-token-lifetime", "PT2H")).isEqualTo(2);
        assertThat(err.toString()).contains("--access-token-lifetime").hasLineCount(1);
        assertThat(run(environment, "clients", "create", "--name", "X", "--redirect-uri", "https://a.example/cb",
                "--refresh-token-lifetime", "PT1M")).isEqualTo(2);
        assertThat(err.toString()).contains("--refresh-token-lifetime").hasLineCount(1);

        assertThat(run(environment, "clients", "create", "--name", "Team wiki", "--redirect-uri",
                "https://wiki.example.com/callback", "--scope", "openid", "--scope", "email",
                "--access-token-lifetime", "PT5M", "--refresh-token-lifetime", "P7D")).isZero();
        String wiki = find(CLIENT_ID);

        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.PreparedStatement query = db.prepareStatement("SELECT client_id, scopes,"
                     + " access_token_ttl_seconds, refresh_token_ttl_seconds FROM oidc_clients");
             java.sql.ResultSet rows = query.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("client_id")).isEqualTo(wiki);
            assertThat(rows.getString("scopes")).isEqualTo("email openid");
            assertThat(rows.getLong("access_token_ttl_seconds")).isEqualTo(300);
            assertThat(rows.getLong("refresh_token_ttl_seconds")).isEqualTo(7 * 24 * 3600);
            assertThat(rows.next()).as("the refused ones were not written").isFalse();
        }
    }
}
