package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting an account over HTTP on the packaged server erases the person on every database: no
 * row of any table holds their email, their names or the address they were moving to, no row of
 * the OpenID Connect state (codes, grants, consents) or of the refresh-token tables holds their id,
 * a client's tokens of theirs are dead (introspection {@code active:false}, userinfo 401), while the
 * audit trail keeps its events under the numeric id, and the email can register again under a
 * new id.
 */
class AccountErasureDatabaseTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a password to erase";
    private static final String ISSUER = "https://id.example.com";
    private static final String ADMIN = "erasure-admin@example.com";
    private static final List<String> USER_TABLES = List.of("oidc_authorization_codes", "oidc_grants",
            "oidc_consents", "refresh_tokens", "refresh_families", "mail_outbox");
    private static final Set<Integer> TEXT_TYPES = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.NCLOB, Types.VARBINARY, Types.BINARY,
            Types.LONGVARBINARY, Types.BLOB);
    private static final Set<Integer> BINARY_TYPES = Set.of(Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY,
            Types.BLOB);
    private static EmbeddedPostgres postgres;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    record Database(String url, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    @Test
    void onH2() throws Exception {
        erasesThePerson(new Database("jdbc:h2:mem:erasure_" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    @Test
    void onPostgres() throws Exception {
        String name = "erasure_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        erasesThePerson(new Database(postgres.getJdbcUrl("postgres", name), "postgres", ""));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "USERSVC_TEST_MARIADB_URL", matches = "jdbc:(mariadb|mysql)://.+")
    void onMariaDb() throws Exception {
        Matcher url = Pattern.compile("(jdbc:(?:mariadb|mysql)://[^/?]+)(?:/[^?]*)?(\\?.*)?")
                .matcher(System.getenv("USERSVC_TEST_MARIADB_URL"));
        assertThat(url.matches()).isTrue();
        String query = url.group(2) == null ? "" : url.group(2);
        String name = "erasure_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url.group(1) + "/" + query);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        erasesThePerson(new Database(url.group(1) + "/" + name + query, null, null));
    }

    private void erasesThePerson(Database database) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", database.url(),
                "USERSVC_SMTP_HOST", "127.0.0.1",
                "USERSVC_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "USERSVC_SMTP_STARTTLS", "none",
                "USERSVC_BCRYPT_COST", "4"));
        env.put("USERSVC_ISSUER", ISSUER);
        env.put("USERSVC_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
        env.put("USERSVC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        if (database.user() != null) {
            env.put("USERSVC_DB_USER", database.user());
            env.put("USERSVC_DB_PASSWORD", database.password());
        }
        try (UserServiceServer server = UserServiceServer.start(AppConfig.from(env))) {
            String email = "Erasable.Person@Example.com";
            String canonical = email.toLowerCase(Locale.ROOT);
            call(server, "POST", "/users", Map.of("email", email, "password", PASSWORD, "firstname", "Zebulon",
                    "lastname", "Quixotic"), null, 201);
            call(server, "POST", "/users/confirm", Map.of("code", mailedCode("/user/confirm", canonical)), null, 200);
            JsonNode login = call(server, "POST", "/auth/login", Map.of("email", email, "password", PASSWORD), null,
                    200);
            String access = login.path("accessToken").asText();
            long id = login.path("user").path("id").asLong();
            call(server, "POST", "/user/attributes", Map.of("attributeKey", "nickname", "attributeText",
                    "zebulon-the-erasable"), access, 200);
            call(server, "POST", "/user/email", Map.of("newEmail", "next.erasable@example.com", "password", PASSWORD),
                    access, 202);
            call(server, "POST", "/users/password/reset", Map.of("email", email), null, 202);
            call(server, "POST", "/api/sys/users/token", Map.of("email", email, "password", PASSWORD), null, 200);
            String base = "http://127.0.0.1:" + server.port();
            OidcHttp client = new OidcHttp();
            client.register(base, ADMIN, PASSWORD, List.of("authorization_code", "refresh_token"));
            String verifier = OidcHttp.verifier();
            JsonNode oidcTokens = OidcHttp.json(client.redeem(base, client.authorize(base, email, PASSWORD, verifier,
                    ISSUER), verifier));
            String clientAccess = oidcTokens.path("access_token").asText();
            client.authorize(base, email, PASSWORD, OidcHttp.verifier(), ISSUER);
            insertConsent(database, id, client.clientId);
            assertThat(introspect(client, base, clientAccess).path("active").asBoolean()).isTrue();
            assertThat(rowsOfUser(database, id)).as("the person's OpenID Connect state before the erasure")
                    .containsEntry("oidc_authorization_codes", 2).containsEntry("oidc_grants", 1)
                    .containsEntry("oidc_consents", 1)
                    .hasEntrySatisfying("mail_outbox", mails -> assertThat(mails).isGreaterThanOrEqualTo(3));
            assertThat(rowsHolding(database, List.of(canonical, "zebulon", "quixotic", "next.erasable")))
                    .as("the person is in the database before the erasure").isNotEmpty();

            call(server, "DELETE", "/user", Map.of("password", PASSWORD), access, 204);

            assertThat(rowsOfUser(database, id)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
            assertThat(introspect(client, base, clientAccess).path("active").asBoolean()).isFalse();
            assertThat(introspect(client, base, oidcTokens.path("refresh_token").asText()).path("active").asBoolean())
                    .isFalse();
            assertThat(client.send(base, "GET", "/oidc/userinfo", null, null, Map.of("Authorization",
                    "Bearer " + clientAccess)).statusCode()).isEqualTo(401);

            assertThat(rowsHolding(database, List.of(canonical, "zebulon", "quixotic", "next.erasable"))).isEmpty();
            assertThat(auditEventsAbout(database, id)).isPositive();
            call(server, "GET", "/user", null, access, 401);
            call(server, "POST", "/auth/token", Map.of("refreshToken", login.path("refreshToken").asText()), null,
                    401);
            JsonNode again = call(server, "POST", "/users", Map.of("email", email, "password", PASSWORD), null, 201);
            assertThat(again.path("user").path("id").asLong()).isNotEqualTo(id);
        }
    }

    private static JsonNode introspect(OidcHttp client, String base, String token) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((client.clientId + ":" + client.clientSecret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return OidcHttp.json(client.send(base, "POST", "/oidc/introspect", "application/x-www-form-urlencoded",
                OidcHttp.form(Map.of("token", token)), Map.of("Authorization", "Basic " + basic)));
    }

    /** A consent as the consent page records it (the test's client asks for none). */
    private static void insertConsent(Database database, long userId, String clientId) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO oidc_consents (user_id, client_id, scope) VALUES (?, ?, 'openid')")) {
            insert.setLong(1, userId);
            insert.setString(2, clientId);
            insert.executeUpdate();
        }
    }

    /** How many rows of each table that names users by id name this one. */
    private static Map<String, Integer> rowsOfUser(Database database, long id) throws SQLException {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        try (Connection connection = database.connect()) {
            for (String table : USER_TABLES) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM " + table + " WHERE user_id = ?")) {
                    statement.setLong(1, id);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        counts.put(table, rs.getInt(1));
                    }
                }
            }
        }
        return counts;
    }

    /** Every table and text column holding any of the words, as {@code table.column}. */
    static List<String> rowsHolding(Database database, List<String> words) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = database.connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = connection.getSchema();
            String catalog = connection.getCatalog();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("the service's tables").anyMatch(t -> t.equalsIgnoreCase("users"));
            for (String table : tables) {
                try (ResultSet columns = meta.getColumns(catalog, schema, table, "%")) {
                    while (columns.next()) {
                        if (!TEXT_TYPES.contains(columns.getInt("DATA_TYPE"))) {
                            continue;
                        }
                        String column = columns.getString("COLUMN_NAME");
                        boolean binary = BINARY_TYPES.contains(columns.getInt("DATA_TYPE"));
                        if (holds(connection, table, column, binary, words)) {
                            found.add(table + "." + column);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean holds(Connection connection, String table, String column, boolean binary,
                                 List<String> words) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + quoted(connection, column) + " FROM "
                     + quoted(connection, table))) {
            while (rows.next()) {
                String value = binary ? bytesAsText(rows.getBytes(1)) : rows.getString(1);
                if (value == null) {
                    continue;
                }
                String text = value.toLowerCase(Locale.ROOT);
                if (words.stream().anyMatch(text::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String bytesAsText(byte[] raw) {
        return raw == null ? null : new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String quoted(Connection connection, String name) throws SQLException {
        String quote = connection.getMetaData().getIdentifierQuoteString();
        return quote + name + quote;
    }

    static int auditEventsAbout(Database database, long id) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM audit_events WHERE subject_id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String mailedCode(String page, String to) throws Exception {
        Pattern link = Pattern.compile(Pattern.quote(page) + "\\?code=([A-Za-z0-9_-]+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var messages = SMTP.getReceivedMessages();
            for (int i = messages.length - 1; i >= 0; i--) {
                if (!messages[i].getAllRecipients()[0].toString().equalsIgnoreCase(to)) {
                    continue;
                }
                Matcher matcher = link.matcher(GreenMailUtil.getBody(messages[i]).replace("=\r\n", ""));
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + to + " with a link to " + page);
    }

    private JsonNode call(UserServiceServer server, String method, String path, Object body, String bearer,
                          int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
