package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandTest {

    private static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEK = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
    }

    private String output() {
        return out.toString();
    }

    private String errors() {
        return err.toString();
    }

    @Test
    void rotatesAndListsTheKeysOfTheConfiguredDatabase(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Map<String, String> config = (Map.of("USERSVC_DB_URL", url, "USERSVC_BCRYPT_COST", "4"));

        assertThat(run(config, "keys", "list")).isZero();
        assertThat(output().lines().filter(l -> l.contains("active"))).hasSize(1);
        assertThat(run(config, "keys", "rotate")).isZero();
        assertThat(output()).contains("new signing key").contains("retired").contains("plaintext");
        assertThat(output().lines().filter(l -> l.contains(" active "))).hasSize(1);

        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            assertThat(database.state().auditLog().newest(null, 1).get(0).event().action()).isEqualTo(AuditAction.KEY_ROTATION.storedForm());
            assertThat(database.state().signingKeys().findAll()).hasSize(2);
        }
        assertThat(run(config, "keys", "spin")).isEqualTo(2);
        assertThat(errors()).contains("spin").contains("keys --help").hasLineCount(1);
    }

    @Test
    void theStoredRotationNamesTheCommandLineAsItsActorAndHasNoClientAddress(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Map<String, String> config = Map.of("USERSVC_DB_URL", url, "USERSVC_BCRYPT_COST", "4");
        run(config, "keys", "list");

        assertThat(run(config, "keys", "rotate")).as(errors()).isZero();

        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            AuditEvent rotation = database.state().auditLog().newest(null, 1).get(0).event();
            assertThat(rotation.action()).isEqualTo(AuditAction.KEY_ROTATION.storedForm());
            assertThat(rotation.actorId()).as("no user rotated the key").isNull();
            assertThat(rotation.detail()).as("the command line is the actor").endsWith("; by command line");
            assertThat(rotation.clientAddress()).as("the command line is no client address").isNull();
            assertThat(rotation.requestId()).isNull();
        }
    }

    @Test
    void revokesAKeyWhichThenNeitherVerifiesNorIsPublished(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Map<String, String> config = (Map.of("USERSVC_DB_URL", url, "USERSVC_BCRYPT_COST", "4"));
        run(config, "keys", "list");
        String kid;
        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            kid = database.state().signingKeys().findAll().get(0).keyId();
        }

        assertThat(run(config, "keys", "revoke", kid)).isZero();

        assertThat(output()).as(errors()).contains(kid + " is revoked");
        assertThat(output().lines().filter(l -> l.startsWith(kid))).singleElement().asString().contains("revoked");
        assertThat(output().lines().filter(l -> l.contains(" active "))).hasSize(1);
        try (JdbcStores database = JdbcStores.open(new JdbcSettings(url, "sa", "", 2))) {
            assertThat(database.state().auditLog().newest(null, 1).get(0).event().action())
                    .isEqualTo(AuditAction.KEY_REVOCATION.storedForm());
            assertThat(database.state().signingKeys().findAll()).filteredOn(k -> k.keyId().equals(kid))
                    .singleElement().satisfies(k -> assertThat(k.revoked()).isTrue());
        }
        assertThat(run(config, "keys", "revoke", kid)).isEqualTo(1);
        assertThat(run(config, "keys", "revoke", "no-such-key")).isEqualTo(1);
        assertThat(run(config, "keys", "revoke", "bad kid!")).isEqualTo(2);
        assertThat(run(config, "keys", "revoke")).isEqualTo(2);
    }

    @Test
    void encryptsKeysWhenConfiguredAndRefusesAWrongKey(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Map<String, String> plain = Map.of("USERSVC_DB_URL", url);
        Map<String, String> sealed = Map.of("USERSVC_DB_URL", url, "USERSVC_KEY_ENCRYPTION_KEY", KEK);
        Map<String, String> wrong = Map.of("USERSVC_DB_URL", url, "USERSVC_KEY_ENCRYPTION_KEY", OTHER_KEK);
        run(plain, "keys", "list");

        assertThat(run(sealed, "keys", "rotate")).isZero();

        assertThat(output()).contains("encrypted").doesNotContain("plaintext");
        assertThat(run(wrong, "keys", "list")).isEqualTo(1);
        assertThat(errors()).startsWith("user-service: invalid configuration: ")
                .contains("USERSVC_KEY_ENCRYPTION_KEY does not decrypt signing key").hasLineCount(1);
        assertThat(run(plain, "keys", "list")).isEqualTo(1);
        assertThat(errors()).contains("set USERSVC_KEY_ENCRYPTION_KEY").hasLineCount(1);
    }

    @Test
    void aKeyEncryptionKeyOfTheWrongSizeIsABadSetting() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("USERSVC_KEY_ENCRYPTION_KEY", "c2hvcnQ=")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("USERSVC_KEY_ENCRYPTION_KEY");
        assertThatThrownBy(() -> AppConfig.from(Map.of("USERSVC_KEY_ENCRYPTION_KEY", "not base64!")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("32 random bytes");
    }
}
