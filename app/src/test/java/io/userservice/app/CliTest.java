package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in process: verbs, help, exit codes, one-line errors and {@code config check}. */
class CliTest {

    private static final String KEK = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(environment, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void everyVerbHasHelpAndEndsWithZero() {
        List<String> verbs = new ArrayList<>();
        collect(new CommandLine(new Cli(Map.of())), verbs);
        assertThat(verbs).contains("user-service", "user-service serve", "user-service migrate",
                "user-service config check", "user-service keys rotate", "user-service keys list",
                "user-service keys revoke", "user-service roles grant", "user-service roles revoke",
                "user-service roles show", "user-service clients create", "user-service clients list",
                "user-service clients delete", "user-service clients rotate-secret", "user-service completion");

        for (String verb : verbs) {
            List<String> args = new ArrayList<>(List.of(verb.split(" "))).subList(1, verb.split(" ").length);
            List<String> withHelp = new ArrayList<>(args);
            withHelp.add("--help");
            assertThat(run(Map.of(), withHelp.toArray(String[]::new))).as(verb).isZero();
            assertThat(out.toString()).as(verb).startsWith("Usage: " + verb);
            assertThat(err.toString()).as(verb).isEmpty();
        }
    }

    private static void collect(CommandLine command, List<String> verbs) {
        if (command.getCommandName().equals("help")) {
            return;
        }
        verbs.add(command.getCommandSpec().qualifiedName());
        command.getSubcommands().values().forEach(sub -> collect(sub, verbs));
    }

    @Test
    void aWrongCallEndsWithTwoAndOneLineNamingIt() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("user-service: ").contains("frobnicate")
                .contains("'user-service --help'").hasLineCount(1);

        assertThat(run(Map.of(), "keys")).isEqualTo(2);
        assertThat(err.toString()).contains("subcommand").contains("'user-service keys --help'").hasLineCount(1);

        assertThat(run(Map.of(), "keys", "revoke", "a", "b")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1);

        assertThat(run(Map.of(), "keys", "revoke", "bad kid!")).isEqualTo(2);
        assertThat(err.toString()).contains("KID").hasLineCount(1);

        assertThat(run(Map.of(), "config", "check", "--all")).isEqualTo(2);
        assertThat(err.toString()).contains("--all").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadSettingEndsAVerbWithOneAndOneLine() {
        assertThat(run(Map.of("USERSVC_BCRYPT_COST", "99"), "keys", "list")).isEqualTo(1);

        assertThat(err.toString()).startsWith("user-service: invalid configuration: USERSVC_BCRYPT_COST")
                .hasLineCount(1);
    }

    @Test
    void withoutAVerbABadSettingEndsServingWithOneAndOneLine() {
        assertThat(run(Map.of("USERSVC_BCRYPT_COST", "99"))).isEqualTo(1);

        assertThat(err.toString()).startsWith("user-service: invalid configuration: USERSVC_BCRYPT_COST")
                .hasLineCount(1);
    }

    @Test
    void withoutAVerbAnUnreachableDatabaseEndsServingWithOneAndOneLineWithoutAStackTrace() {
        Map<String, String> environment = Map.of("USERSVC_DB_URL", "jdbc:h2:tcp://127.0.0.1:1/nowhere",
                "USERSVC_PORT", "0", "USERSVC_MANAGEMENT_ENABLED", "false");

        assertThat(run(environment)).isEqualTo(1);

        assertThat(err.toString()).startsWith("user-service: user-service failed: ").hasLineCount(1)
                .doesNotContain("\tat ");
    }

    @Test
    void anUnreachableDatabaseEndsWithOneAndOneLineWithoutAStackTrace(@TempDir Path dir) {
        Map<String, String> environment = Map.of("USERSVC_DB_URL", "jdbc:h2:tcp://127.0.0.1:1/nowhere");

        assertThat(run(environment, "migrate")).isEqualTo(1);

        assertThat(err.toString()).startsWith("user-service: user-service migrate failed: ").hasLineCount(1)
                .doesNotContain("\tat ");
    }

    @Test
    void configCheckNamesEveryBadSettingAndEndsWithOne() {
        Map<String, String> environment = Map.of("USERSVC_PORT", "eighty", "USERSVC_BCRYPT_COST", "99",
                "USERSVC_SMTP_STARTTLS", "maybe", "USERSVC_HASH_QUEUE", "-1",
                "USERSVC_ACCESS_TOKEN_TTL", "forever", "USERSVC_DB_PASSWORD", "hunter2");

        assertThat(run(environment, "config", "check")).isEqualTo(1);

        assertThat(err.toString().lines()).hasSize(5).allMatch(line -> line.startsWith("user-service: invalid configuration: "));
        assertThat(err.toString()).contains("USERSVC_PORT").contains("USERSVC_BCRYPT_COST")
                .contains("USERSVC_SMTP_STARTTLS").contains("USERSVC_HASH_QUEUE").contains("USERSVC_ACCESS_TOKEN_TTL")
                .doesNotContain("hunter2");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void configCheckNamesAnInsecureProductionSettingWithTheOthers() {
        Map<String, String> environment = Map.of("USERSVC_PUBLIC_URL", "https://id.example.com",
                "USERSVC_SMTP_HOST", "smtp.example.com", "USERSVC_SMTP_STARTTLS", "required",
                "USERSVC_DB_POOL_SIZE", "0");

        assertThat(run(environment, "config", "check")).isEqualTo(1);

        assertThat(err.toString().lines()).hasSize(2);
        assertThat(err.toString()).contains("USERSVC_DB_POOL_SIZE").contains("USERSVC_KEY_ENCRYPTION_KEY must be set");
    }

    @Test
    void configCheckPrintsTheEffectiveSettingsWithSecretsMasked(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("user-service.properties"), "USERSVC_SMTP_PASSWORD=from-the-file\n");
        Map<String, String> environment = new HashMap<>(Map.of("USERSVC_CONFIG_FILE", file.toString(),
                "USERSVC_DB_URL", "jdbc:mariadb://db:3306/users?user=svc&password=s3cret&ssl=true",
                "USERSVC_DB_PASSWORD", "hunter2", "USERSVC_SMTP_HOST", "smtp.example.com",
                "USERSVC_SMTP_USER", "mailer", "USERSVC_KEY_ENCRYPTION_KEY", KEK,
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", "root@example.com",
                "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", "correct horse battery"));

        assertThat(run(environment, "config", "check")).isZero();

        String printed = out.toString();
        assertThat(printed).contains("USERSVC_DB_PASSWORD=******", "USERSVC_SMTP_PASSWORD=******",
                "USERSVC_KEY_ENCRYPTION_KEY=******", "USERSVC_BOOTSTRAP_ADMIN_PASSWORD=******",
                "USERSVC_DB_URL=jdbc:mariadb://db:3306/users?user=svc&password=******&ssl=true",
                "USERSVC_SMTP_HOST=smtp.example.com", "USERSVC_PORT=8080", "USERSVC_BCRYPT_COST=",
                "USERSVC_HASH_QUEUE=16", "USERSVC_ACCESS_TOKEN_TTL=PT15M");
        assertThat(printed).doesNotContain("hunter2", "s3cret", KEK, "from-the-file", "correct horse");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void urlsLoseTheirPasswords() {
        assertThat(ConfigCommand.maskedUrl("jdbc:postgresql://db/users?user=u&password=p&a=b"))
                .isEqualTo("jdbc:postgresql://db/users?user=u&password=******&a=b");
        assertThat(ConfigCommand.maskedUrl("jdbc:h2:tcp://db/users;USER=u;PASSWORD=p;MODE=x"))
                .isEqualTo("jdbc:h2:tcp://db/users;USER=u;PASSWORD=******;MODE=x");
        assertThat(ConfigCommand.maskedUrl("ldaps://cn=admin:secret@ldap.example.com"))
                .isEqualTo("ldaps://cn=admin:******@ldap.example.com");
        assertThat(ConfigCommand.maskedUrl("jdbc:h2:file:./data/user-service")).isEqualTo("jdbc:h2:file:./data/user-service");
    }

    @Test
    void migrateBringsTheDatabaseToTheSchemaAndEnds(@TempDir Path dir) {
        Map<String, String> environment = Map.of("USERSVC_DB_URL", "jdbc:h2:file:" + dir.resolve("db"));

        assertThat(run(environment, "migrate")).isZero();

        assertThat(out.toString()).contains("is at the current schema");
        assertThat(dir.resolve("db.mv.db")).exists();
        assertThat(run(environment, "keys", "list")).isZero();
        assertThat(run(environment, "keys", "revoke", "-dash-first")).as("a key id may start with a dash").isEqualTo(1);
        assertThat(err.toString()).contains("no signing key -dash-first");
    }

    @Test
    void serveIsTheDefaultAndStartsTheServer(@TempDir Path dir) {
        Map<String, String> environment = Map.of("USERSVC_DB_URL", "jdbc:h2:file:" + dir.resolve("db"),
                "USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1", "USERSVC_BCRYPT_COST", "4",
                "USERSVC_MANAGEMENT_PORT", "0");
        for (String[] args : new String[][] {{}, {"serve"}}) {
            Cli cli = new Cli(environment);
            assertThat(Cli.run(cli, new PrintWriter(out), new PrintWriter(err), args)).isZero();
            try (UserServiceServer server = cli.server()) {
                assertThat(server).isNotNull();
                assertThat(server.port()).isPositive();
                assertThat(server.managementPort()).as("serve opens the management listener").isPresent();
            }
        }
    }

    @Test
    void completionPrintsAScriptForEveryVerb() {
        assertThat(run(Map.of(), "completion")).isZero();

        assertThat(out.toString()).startsWith("#!/usr/bin/env bash").contains("keys", "roles", "config", "migrate",
                "serve", "revoke", "complete -F");
    }
}
