package io.userservice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.Email;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.NewDirectoryUser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoresTest {

    @TempDir
    Path directory;

    private JdbcSettings fileDatabase() {
        return new JdbcSettings("jdbc:h2:file:" + directory.resolve("user-service") + ";AUTO_SERVER=FALSE", "sa", "",
                2);
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsDataAndAppliesNothingTwice() throws SQLException {
        NewDirectoryUser ada = new NewDirectoryUser(UUID.randomUUID(), Email.of("ada@example.com"), "hash", "Ada",
                null, "en", true, Instant.parse("2025-01-01T00:00:00Z"));
        DirectoryUser created;
        try (JdbcStores jdbc = JdbcStores.open(fileDatabase())) {
            created = jdbc.directory().open(new BcryptPasswordHasher(4)).register(ada);
        }
        int appliedChanges = appliedChangeSets();

        try (JdbcStores jdbc = JdbcStores.open(fileDatabase())) {
            assertThat(jdbc.directory().open(new BcryptPasswordHasher(4)).findByEmail(ada.email())).contains(created);
        }

        assertThat(appliedChangeSets()).isEqualTo(appliedChanges).isPositive();
    }

    private int appliedChangeSets() throws SQLException {
        JdbcSettings settings = fileDatabase();
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void isHealthyWhileOpenAndNotAfterClose() {
        JdbcStores jdbc = JdbcStores.open(fileDatabase());
        assertThat(jdbc.isHealthy()).isTrue();

        jdbc.close();

        assertThat(jdbc.isHealthy()).isFalse();
    }

    @Test
    void settingsDoNotShowThePassword() {
        JdbcSettings settings = new JdbcSettings("jdbc:h2:mem:x", "sa", "s3cret", 4);

        assertThat(settings.toString()).doesNotContain("s3cret").contains("jdbc:h2:mem:x");
    }
}
