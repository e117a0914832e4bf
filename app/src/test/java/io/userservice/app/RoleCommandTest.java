package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(AppConfig config, String... args) {
        out.reset();
        err.reset();
        return RoleCommand.run(args, config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void grantsRevokesAndShowsRolesOnTheConfiguredDatabase(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        AppConfig config = AppConfig.from(Map.of("USERSVC_DB_URL", url, "USERSVC_BCRYPT_COST", "4"));
        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            UserServiceCore.builder(config.coreSettings(), database.directory(), database.state(), new RecordingUserNotifier()).bcryptCost(4)
                    .build().register().register(RegisterUserUseCase.Command.of("ops@example.com", "long enough",
                            null, null, null));
        }

        assertThat(run(config, "roles", "grant", "OPS@example.com", "admin")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ops@example.com roles: admin");
        assertThat(run(config, "roles", "grant", "ops@example.com", "user-edit")).isZero();
        assertThat(run(config, "roles", "revoke", "ops@example.com", "admin")).isZero();
        assertThat(run(config, "roles", "show", "ops@example.com")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("roles: user-edit");

        assertThat(run(config, "roles", "grant", "ghost@example.com", "admin")).isEqualTo(1);
        assertThat(run(config, "roles", "grant", "ops@example.com", "Not A Role")).isEqualTo(2);
        assertThat(run(config, "roles", "promote", "ops@example.com")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }
}
