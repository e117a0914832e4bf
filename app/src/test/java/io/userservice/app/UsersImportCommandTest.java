package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users import --format jsonl}: users come in with their bcrypt hashes and sign in as before. */
class UsersImportCommandTest {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
    }

    private static String bcrypt(char variant, int cost, String password) {
        BCrypt.Version version = switch (variant) {
            case 'a' -> BCrypt.Version.VERSION_2A;
            case 'y' -> BCrypt.Version.VERSION_2Y;
            default -> BCrypt.Version.VERSION_2B;
        };
        return BCrypt.with(version).hashToString(cost, password.toCharArray());
    }

    @Test
    void importsEachGoodLineSkipsKnownEmailsAndNamesEachBadLine(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Map<String, String> environment = Map.of("USERSVC_DB_URL", url, "USERSVC_BCRYPT_COST", "5");
        AppConfig config = AppConfig.from(environment);
        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            UserServiceCore.builder(config.coreSettings(), database.directory(), database.state(),
                    new RecordingUserNotifier()).bcryptCost(4).build().register().register(
                    RegisterUserUseCase.Command.of("here@example.com", "already here pw", null, null, null, ClientAddress.unknown()));
        }
        Path file = dir.resolve("users.jsonl");
        Files.write(file, List.of(
                "{\"email\":\"Ann@Example.com\",\"passwordHash\":\"" + bcrypt('y', 4, "ann's old password")
                        + "\",\"firstname\":\"Ann\",\"lastname\":\"O'Brien\",\"language\":\"de\",\"confirmed\":true,"
                        + "\"attributes\":{\"plan\":\"gold\"},\"roles\":[\"user-edit\"]}",
                "{\"email\":\"here@example.com\",\"passwordHash\":\"" + bcrypt('b', 4, "whatever") + "\"}",
                "",
                "{\"email\":\"not an email\",\"passwordHash\":\"" + bcrypt('a', 4, "x") + "\"}",
                "{\"email\":\"md5@example.com\",\"passwordHash\":\"5f4dcc3b5aa765d61d8327deb882cf99\"}",
                "{\"email\":",
                "{\"email\":\"bob@example.com\",\"passwordHash\":\"" + bcrypt('a', 4, "bob's old password")
                        + "\",\"confirmed\":true,\"roles\":[\"Not A Role\"]}",
                "{\"email\":\"cat@example.com\",\"passwordHash\":\"" + bcrypt('a', 4, "cat's old password")
                        + "\",\"confirmed\":true}"), StandardCharsets.UTF_8);

        int status = run(environment, "users", "import", "--format", "jsonl", file.toString());
        String firstSummary = out.toString();
        String errors = err.toString();
        int again = run(environment, "users", "import", "--format", "jsonl", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(firstSummary).isEqualTo("2 imported, 1 skipped, 4 rejected" + System.lineSeparator());
        assertThat(errors).contains("line 4: invalid_email").contains("line 5: unsupported_hash")
                .contains("line 6: not a JSON object").contains("line 7: invalid_role").hasLineCount(4);
        assertThat(again).isEqualTo(1);
        assertThat(out.toString()).startsWith("0 imported, 3 skipped, 4 rejected");
        assertThat(run(environment, "users", "import", "--format", "ldif", file.toString())).isEqualTo(2);
        assertThat(run(environment, "users", "import", "--format", "jsonl", dir.resolve("nope").toString()))
                .isEqualTo(1);

        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            UserServiceCore core = UserServiceCore.builder(config.coreSettings(), database.directory(),
                    database.state(), new RecordingUserNotifier()).bcryptCost(5).build();
            LogInUseCase.Result ann = core.logIn().logIn(new LogInUseCase.Command("ann@example.com",
                    "ann's old password", ClientAddress.unknown()));
            assertThat(ann.user().firstname()).isEqualTo("Ann");
            assertThat(ann.user().language()).isEqualTo("de");
            assertThat(ann.user().roleNames()).containsExactly("user-edit");
            assertThat(core.listAttributes().list(ann.user().id())).containsEntry("plan", "gold");
            assertThat(core.logIn().logIn(new LogInUseCase.Command("cat@example.com", "cat's old password", ClientAddress.unknown()))
                    .user().email().value()).isEqualTo("cat@example.com");
            try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
                 var query = connection.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
                query.setString(1, "ann@example.com");
                var rows = query.executeQuery();
                rows.next();
                assertThat(rows.getString(1)).startsWith("$2b$05$");
            }
        }
    }
}
