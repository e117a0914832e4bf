package io.userservice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.Role;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A database made by an earlier release of the changelog, with data in it, upgraded by the
 * current one: every row survives and keeps meaning what it meant.
 */
class UpgradeTest {

    private static final String RELEASED_013 = "io/userservice/jdbc/changelog/released-013.yaml";
    private static final long T0 = Instant.parse("2026-06-01T08:00:00Z").toEpochMilli();
    private static final BcryptPasswordHasher HASHER = new BcryptPasswordHasher(4);

    /** Creates an empty database, and drops it. */
    abstract static class Upgrade {

        private JdbcStores upgraded;

        protected abstract JdbcSettings createEmpty();

        protected abstract void dropEmpty();

        @AfterEach
        void drop() {
            if (upgraded != null) {
                upgraded.close();
            }
            dropEmpty();
        }

        private JdbcStores releasedThenUpgraded(DataInOldSchema data) throws SQLException {
            JdbcSettings settings = createEmpty();
            try (HikariDataSource old = new HikariDataSource()) {
                old.setJdbcUrl(settings.url());
                old.setUsername(settings.user());
                old.setPassword(settings.password());
                Migrations.apply(old, RELEASED_013);
                try (Connection connection = old.getConnection()) {
                    data.insert(connection);
                }
            }
            upgraded = JdbcStores.open(settings);
            return upgraded;
        }

        @Test
        void usersTheirStateAndTheirSessionsFromTheReleasedSchemaKeepWorking() throws SQLException {
            String hash = HASHER.hash("Ann's old password");
            JdbcStores stores = releasedThenUpgraded(connection -> {
                execute(connection, "INSERT INTO users (id, unique_id, email, password_hash, language,"
                        + " permission_level, confirmed, created_at, updated_at, valid_after) VALUES (41, ?,"
                        + " 'ann@example.com', ?, 'en', 0, ?, ?, ?, ?)", UUID.randomUUID().toString(), hash, true, T0,
                        T0, T0 + 10);
                execute(connection, "INSERT INTO users (id, unique_id, email, password_hash, language,"
                        + " permission_level, confirmed, created_at, updated_at, deactivated_at) VALUES (42, ?,"
                        + " 'bob@example.com', ?, 'en', 0, ?, ?, ?, ?)", UUID.randomUUID().toString(), hash, true, T0,
                        T0, T0 + 20);
                execute(connection, "INSERT INTO user_roles (user_id, role) VALUES (41, 'admin')");
                execute(connection, "INSERT INTO user_attributes (user_id, attr_key, attr_value)"
                        + " VALUES (41, 'plan', 'gold')");
                insertToken(connection, "live-parent", "family-live", T0, T0 + 1000, null);
                insertToken(connection, "live-child", "family-live", T0 + 1000, null, null);
                insertToken(connection, "gone-1", "family-gone", T0 + 50, null, T0 + 2000);
                insertToken(connection, "gone-2", "family-gone", T0 + 60, null, T0 + 2000);
                execute(connection, "INSERT INTO portal_sessions (session_hash, user_id, created_at, expires_at)"
                        + " VALUES ('session', 41, ?, ?)", T0, T0 + 3_600_000);
            });
            UserDirectory directory = stores.directory().open(HASHER);
            ServiceState state = stores.state();

            DirectoryUser ann = directory.findByEmail(Email.of("ann@example.com")).orElseThrow();
            AccountState annState = state.accounts().stateOf(41);
            RefreshToken live = state.refreshTokens().findByHash("live-child").orElseThrow();
            RefreshToken gone = state.refreshTokens().findByHash("gone-1").orElseThrow();

            assertThat(ann.id()).isEqualTo(41);
            assertThat(directory.checkPassword(ann, "Ann's old password")).isTrue();
            assertThat(annState.credentialEpoch()).isZero();
            assertThat(annState.validAfter()).isEqualTo(Instant.ofEpochMilli(T0 + 10));
            assertThat(annState.roles()).containsExactly(Role.ADMIN);
            assertThat(state.accounts().stateOf(42).deactivatedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 20));
            assertThat(state.attributes().attributesOf(41)).containsEntry("plan", "gold");
            assertThat(live.revokedAt()).isNull();
            assertThat(live.epoch()).isZero();
            assertThat(live.sessionStartedAt()).isEqualTo(Instant.ofEpochMilli(T0));
            assertThat(gone.revokedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 2000));
            assertThat(state.portalSessions().find("session").orElseThrow().epoch()).isZero();
            assertThat(state.refreshTokens().revokeFamily(live.familyId(), Instant.ofEpochMilli(T0 + 5000)))
                    .isEqualTo(2);
            assertThat(state.refreshTokens().findByHash("live-child").orElseThrow().revokedAt()).isNotNull();
        }

        private static void insertToken(Connection connection, String hash, String family, long issuedAt,
                                        Long rotatedAt, Long revokedAt) throws SQLException {
            execute(connection, "INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at,"
                            + " rotated_at, revoked_at) VALUES (?, ?, 41, ?, ?, ?, ?)", hash,
                    UUID.nameUUIDFromBytes(family.getBytes()).toString(), issuedAt, issuedAt + 86_400_000L,
                    rotatedAt, revokedAt);
        }
    }

    @FunctionalInterface
    interface DataInOldSchema {
        void insert(Connection connection) throws SQLException;
    }

    private static void execute(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    @Nested
    class OnH2 extends Upgrade {
        private final String url = "jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

        @Override
        protected JdbcSettings createEmpty() {
            return new JdbcSettings(url, "sa", "", 2);
        }

        @Override
        protected void dropEmpty() {
            try (Connection connection = java.sql.DriverManager.getConnection(url, "sa", "")) {
                connection.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class OnPostgres extends Upgrade {
        private final String name = "usersvc_upgrade_" + UUID.randomUUID().toString().replace("-", "");

        @Override
        protected JdbcSettings createEmpty() {
            return PostgresDatabase.createEmpty(name);
        }

        @Override
        protected void dropEmpty() {
            PostgresDatabase.dropDatabase(name);
        }
    }

    @Nested
    class OnMariaDb extends Upgrade {
        private final MariaDbDatabase database = new MariaDbDatabase();

        @Override
        protected JdbcSettings createEmpty() {
            return database.createEmpty();
        }

        @Override
        protected void dropEmpty() {
            database.dropEmpty();
        }
    }
}
