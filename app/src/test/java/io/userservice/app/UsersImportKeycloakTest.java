package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users import --format keycloak}: a realm export's users come in and sign in with their Keycloak passwords. */
class UsersImportKeycloakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
    }

    /** A Keycloak password credential made with the JDK's PBKDF2, as Keycloak makes it. */
    private static Map<String, Object> pbkdf2Credential(String algorithm, String jdkName, String password,
                                                        int iterations) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] key = SecretKeyFactory.getInstance(jdkName)
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
        return credential(Map.of("hashIterations", iterations, "algorithm", algorithm, "additionalParameters", Map.of()),
                Map.of("value", Base64.getEncoder().encodeToString(key),
                        "salt", Base64.getEncoder().encodeToString(salt), "additionalParameters", Map.of()));
    }

    private static Map<String, Object> credential(Map<String, Object> data, Map<String, Object> secret)
            throws Exception {
        return Map.of("id", "c1", "type", "password", "createdDate", 1700000000000L,
                "credentialData", JSON.writeValueAsString(data), "secretData", JSON.writeValueAsString(secret));
    }

    @Test
    void importsARealmExportsUsersOnceAndNamesTheOnesItCannotTake(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Map<String, String> environment = Map.of("USERSVC_DB_URL", url, "USERSVC_BCRYPT_COST", "4");
        // "password" under Argon2id, salt "somesaltsomesalt", t=2, m=64, p=1: light enough for bcrypt cost 4 to cover
        Map<String, Object> argon2 = credential(Map.of("hashIterations", 2, "algorithm", "argon2",
                        "additionalParameters", Map.of("hashLength", List.of("32"), "memory", List.of("64"),
                                "type", List.of("id"), "version", List.of("1.3"), "parallelism", List.of("1"))),
                Map.of("value", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
                                "1a98fba8e6394425c9bdc333a9c750aaf811df070f5fb4a5788e1cf4db5793a1")),
                        "salt", Base64.getEncoder().encodeToString("somesaltsomesalt".getBytes(StandardCharsets.UTF_8))));
        Map<String, Object> realm = new java.util.LinkedHashMap<>();
        realm.put("realm", "demo");
        realm.put("roles", Map.of("realm", List.of(Map.of("name", "admin"))));
        realm.put("users", List.of(
                Map.of("username", "ann", "email", "ann@example.com", "firstName", "Ann", "lastName", "Lee",
                        "emailVerified", true, "enabled", true,
                        "attributes", Map.of("plan", List.of("gold"), "tags", List.of("a", "b"), "locale", List.of("de")),
                        "realmRoles", List.of("default-roles-demo", "user-edit", "offline_access"),
                        "credentials", List.of(Map.of("type", "otp"), pbkdf2Credential("pbkdf2-sha256",
                                "PBKDF2WithHmacSHA256", "ann's keycloak password", 400))),
                Map.of("username", "bob@example.com", "emailVerified", false, "enabled", true,
                        "credentials", List.of()),
                Map.of("username", "dora", "email", "dora@example.com", "emailVerified", true, "enabled", false,
                        "credentials", List.of(pbkdf2Credential("pbkdf2-sha512", "PBKDF2WithHmacSHA512",
                                "dora's password", 500))),
                Map.of("username", "eve", "email", "eve@example.com", "emailVerified", true, "enabled", true,
                        "realmRoles", List.of("admin"), "credentials", List.of(argon2)),
                Map.of("username", "mal", "email", "mal@example.com", "credentials", List.of(credential(
                        Map.of("hashIterations", 1, "algorithm", "md5"), Map.of("value", "eA==", "salt", "")))),
                Map.of("username", "old", "email", "old@example.com", "emailVerified", true, "credentials", List.of(
                        pbkdf2Credential("pbkdf2", "PBKDF2WithHmacSHA1", "old sha1 password", 300)))));
        realm.put("clients", List.of(Map.of("clientId", "app", "secret", "x")));
        Path file = dir.resolve("realm-export.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), realm);

        int status = run(environment, "users", "import", "--format", "keycloak", file.toString());
        String summary = out.toString();
        String errors = err.toString();
        int again = run(environment, "users", "import", "--format", "keycloak", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(summary).isEqualTo("4 imported, 0 skipped, 2 rejected" + System.lineSeparator());
        assertThat(errors).contains("user 2 (bob@example.com): has no password credential")
                .contains("user 5 (mal): password algorithm md5 is not supported").hasLineCount(2);
        assertThat(again).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("0 imported, 4 skipped, 2 rejected" + System.lineSeparator());

        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            UserServiceCore core = UserServiceCore.builder(AppConfig.from(environment).coreSettings(),
                    database.directory(), database.state(), new RecordingUserNotifier()).bcryptCost(4).build();
            assertThatThrownBy(() -> core.logIn().logIn(new LogInUseCase.Command("ann@example.com", "wrong", ClientAddress.unknown())))
                    .isInstanceOf(UserServiceException.class);
            LogInUseCase.Result ann = core.logIn().logIn(new LogInUseCase.Command("ann@example.com",
                    "ann's keycloak password", ClientAddress.unknown()));
            assertThat(ann.user().firstname()).isEqualTo("Ann");
            assertThat(ann.user().lastname()).isEqualTo("Lee");
            assertThat(ann.user().language()).isEqualTo("de");
            assertThat(ann.user().confirmed()).isTrue();
            assertThat(ann.user().roleNames()).containsExactly("user-edit");
            assertThat(core.listAttributes().list(ann.user().id())).containsEntry("plan", "gold")
                    .containsEntry("tags", "[\"a\",\"b\"]").doesNotContainKey("locale");
            assertThat(core.logIn().logIn(new LogInUseCase.Command("eve@example.com", "password", ClientAddress.unknown()))
                    .user().roleNames()).containsExactly("admin");
            assertThat(core.logIn().logIn(new LogInUseCase.Command("old@example.com", "old sha1 password", ClientAddress.unknown()))
                    .user().confirmed()).isTrue();
            assertThatThrownBy(() -> core.logIn().logIn(new LogInUseCase.Command("dora@example.com",
                    "dora's password", ClientAddress.unknown()))).isInstanceOf(UserServiceException.class);
            try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
                 var query = connection.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
                query.setString(1, "ann@example.com");
                var rows = query.executeQuery();
                rows.next();
                assertThat(rows.getString(1)).startsWith("$2b$04$");
            }
            try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
                 var query = connection.prepareStatement("SELECT u.email FROM users u JOIN account_state a"
                         + " ON a.user_id = u.id WHERE a.deactivated_at IS NOT NULL")) {
                var rows = query.executeQuery();
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("dora@example.com");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void aFileThatIsNotARealmExportIsRefusedWithAReason(@TempDir Path dir) throws Exception {
        Map<String, String> environment = Map.of("USERSVC_DB_URL", "jdbc:h2:file:" + dir.resolve("db"),
                "USERSVC_BCRYPT_COST", "4");
        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, "{\"realm\":\"demo\",\"users\":[{\"username\":\"a\",\"email\":", StandardCharsets.UTF_8);
        Path noUsers = dir.resolve("no-users.json");
        Files.writeString(noUsers, "{\"realm\":\"demo\",\"clients\":[]}", StandardCharsets.UTF_8);
        Path jsonl = dir.resolve("users.jsonl");
        Files.writeString(jsonl, "[1,2]", StandardCharsets.UTF_8);

        assertThat(run(environment, "users", "import", "--format", "keycloak", truncated.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not valid JSON at user 1");
        assertThat(out.toString()).startsWith("0 imported, 0 skipped, 1 rejected");
        assertThat(run(environment, "users", "import", "--format", "keycloak", noUsers.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("without users");
        assertThat(run(environment, "users", "import", "--format", "keycloak", jsonl.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not a Keycloak realm export");
    }
}
