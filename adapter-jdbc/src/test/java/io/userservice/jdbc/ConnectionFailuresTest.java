package io.userservice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionFailuresTest {

    @Test
    void aClosedDatabaseIsUnavailableNotABug(@TempDir Path dir) {
        JdbcStores db = JdbcStores.open(new JdbcSettings("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2));
        CoreStores stores = db.stores();
        db.close();

        assertThatThrownBy(() -> stores.loadUsers().findByEmail(Email.of("a@example.com")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("database unreachable");
    }

    @Test
    void otherFailuresPassUnchanged(@TempDir Path dir) {
        try (JdbcStores db = JdbcStores.open(new JdbcSettings("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2))) {
            var user = new io.userservice.core.domain.NewUser(UUID.randomUUID(), Email.of("a@example.com"),
                    "$2b$04$x", null, null, "en", 0, Set.of(), true, Instant.now());
            db.stores().saveUsers().create(user);

            assertThatThrownBy(() -> db.stores().saveUsers().create(user)).isInstanceOf(EmailAlreadyTakenException.class);
            assertThat(db.stores().loadUsers().findByEmail(Email.of("a@example.com"))).isPresent();
        }
    }
}
