package io.userservice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import io.userservice.core.port.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionFailuresTest {

    @Test
    void aClosedDatabaseIsUnavailableNotABug(@TempDir Path dir) {
        JdbcStores db = JdbcStores.open(new JdbcSettings("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2));
        UserDirectory directory = db.directory().open(new BcryptPasswordHasher(4));
        ServiceState state = db.state();
        db.close();

        assertThatThrownBy(() -> directory.findByEmail(Email.of("a@example.com")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("database unreachable");
        assertThatThrownBy(() -> state.accounts().stateOf(1))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("database unreachable");
    }

    @Test
    void otherFailuresPassUnchanged(@TempDir Path dir) {
        try (JdbcStores db = JdbcStores.open(new JdbcSettings("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2))) {
            UserDirectory directory = db.directory().open(new BcryptPasswordHasher(4));
            var user = new NewDirectoryUser(UUID.randomUUID(), Email.of("a@example.com"), "$2b$04$x", null, null,
                    "en", true, Instant.now());
            directory.register(user);

            assertThatThrownBy(() -> directory.register(user)).isInstanceOf(EmailAlreadyTakenException.class);
            assertThat(directory.findByEmail(Email.of("a@example.com"))).isPresent();
        }
    }
}
