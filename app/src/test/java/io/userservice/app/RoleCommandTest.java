package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleCommandTest {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void grantsRevokesAndShowsRolesOnTheConfiguredDatabase(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Map<String, String> environment = Map.of("USERSVC_DB_URL", url, "USERSVC_BCRYPT_COST", "4");
        AppConfig config = AppConfig.from(environment);
        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            UserServiceCore.builder(config.coreSettings(), database.directory(), database.state(), new RecordingUserNotifier()).bcryptCost(4)
                    .build().register().register(RegisterUserUseCase.Command.of("ops@example.com", "long enough",
                            null, null, null, ClientAddress.unknown()));
        }

        assertThat(run(environment, "roles", "grant", "OPS@example.com", "admin")).isZero();
        assertThat(out.toString()).contains("ops@example.com roles: admin");
        assertThat(run(environment, "roles", "grant", "ops@example.com", "user-edit")).isZero();
        assertThat(run(environment, "roles", "revoke", "ops@example.com", "admin")).isZero();
        assertThat(run(environment, "roles", "show", "ops@example.com")).isZero();
        assertThat(out.toString()).contains("roles: user-edit");

        assertThat(run(environment, "roles", "grant", "ghost@example.com", "admin")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("user-service: no user with email ghost@example.com" + System.lineSeparator());
        assertThat(run(environment, "roles", "grant", "ops@example.com", "Not A Role")).isEqualTo(2);
        assertThat(err.toString()).contains("ROLE").hasLineCount(1);
        assertThat(run(environment, "roles", "promote", "ops@example.com")).isEqualTo(2);
        assertThat(err.toString()).contains("promote").contains("roles --help").hasLineCount(1);
        assertThat(run(environment, "roles", "grant", "ops@example.com")).isEqualTo(2);
        assertThat(err.toString()).contains("ROLE").hasLineCount(1);
    }
}
