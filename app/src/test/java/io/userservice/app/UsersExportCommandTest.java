package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users export --format jsonl}: what one instance exports, another imports, and its users sign in there. */
class UsersExportCommandTest {

    private static final String ARGON2_PASSWORD_HASH =
            "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E";
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
    }

    private static UserServiceCore core(String url, Map<String, String> environment, JdbcStores database) {
        return UserServiceCore.builder(AppConfig.from(environment).coreSettings(), database.directory(),
                database.state(), new RecordingUserNotifier()).bcryptCost(4).build();
    }

    @Test
    void anExportImportedIntoAFreshDatabaseSignsEveryoneInWithTheirPassword(@TempDir Path dir) throws Exception {
        String from = "jdbc:h2:file:" + dir.resolve("from");
        String to = "jdbc:h2:file:" + dir.resolve("to");
        Map<String, String> source = Map.of("USERSVC_DB_URL", from, "USERSVC_BCRYPT_COST", "4");
        Map<String, String> target = Map.of("USERSVC_DB_URL", to, "USERSVC_BCRYPT_COST", "4");
        Path incoming = dir.resolve("incoming.jsonl");
        Files.write(incoming, List.of(
                "{\"email\":\"argon@example.com\",\"passwordHash\":\"" + ARGON2_PASSWORD_HASH
                        + "\",\"firstname\":\"Ar\",\"language\":\"fr\",\"confirmed\":true,"
                        + "\"attributes\":{\"plan\":\"gold\"},\"roles\":[\"user-edit\"]}",
                "{\"email\":\"gone@example.com\",\"passwordHash\":\"" + ARGON2_PASSWORD_HASH
                        + "\",\"confirmed\":true,\"deactivated\":true}"), StandardCharsets.UTF_8);
        assertThat(run(source, "users", "import", "--format", "jsonl", incoming.toString())).isZero();
        try (JdbcStores database = JdbcStores.open(new JdbcSettings(from, "sa", "", 2))) {
            UserServiceCore core = core(from, source, database);
            core.register().register(RegisterUserUseCase.Command.of("reg@example.com", "registered password 1",
                    "Reg", "Ister", null, ClientAddress.unknown()));
        }
        try (var connection = java.sql.DriverManager.getConnection(from, "sa", "");
             var confirm = connection.prepareStatement("UPDATE users SET confirmed = TRUE WHERE email = ?")) {
            confirm.setString(1, "reg@example.com");
            assertThat(confirm.executeUpdate()).isEqualTo(1);
        }
        Path export = dir.resolve("export.jsonl");

        assertThat(run(source, "users", "export", "--format", "jsonl", export.toString())).isZero();
        assertThat(out.toString()).isEqualTo("3 exported" + System.lineSeparator());
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(String.join("\n", lines)).contains(ARGON2_PASSWORD_HASH).contains("\"deactivated\":true")
                .contains("\"plan\":\"gold\"").contains("\"roles\":[\"user-edit\"]");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export))).isEqualTo("rw-------");
        assertThat(run(source, "users", "export", "--format", "jsonl", export.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("exists; not overwritten");
        assertThat(Files.readAllLines(export, StandardCharsets.UTF_8)).isEqualTo(lines);

        assertThat(run(target, "users", "import", "--format", "jsonl", export.toString())).isZero();
        assertThat(out.toString()).isEqualTo("3 imported, 0 skipped, 0 rejected" + System.lineSeparator());

        try (JdbcStores database = JdbcStores.open(new JdbcSettings(to, "sa", "", 2))) {
            UserServiceCore core = core(to, target, database);
            LogInUseCase.Result reg = core.logIn().logIn(new LogInUseCase.Command("reg@example.com",
                    "registered password 1", ClientAddress.unknown()));
            assertThat(reg.user().firstname()).isEqualTo("Reg");
            assertThatThrownBy(() -> core.logIn().logIn(new LogInUseCase.Command("reg@example.com",
                    "registered password 2", ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
            LogInUseCase.Result argon = core.logIn().logIn(new LogInUseCase.Command("argon@example.com", "password", ClientAddress.unknown()));
            assertThat(argon.user().language()).isEqualTo("fr");
            assertThat(argon.user().roleNames()).containsExactly("user-edit");
            assertThat(core.listAttributes().list(argon.user().id())).containsEntry("plan", "gold");
            assertThatThrownBy(() -> core.logIn().logIn(new LogInUseCase.Command("gone@example.com", "password", ClientAddress.unknown())))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
    }
}
