package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's verbs as an operator runs them: exit codes, one-line errors, the completion script. */
class CommandLineJarIT {

    private record Ran(int exit, String out, String err) {
    }

    private static Ran run(Path workDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("userservice.jar"));
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out.txt").toFile()).redirectError(workDir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("USERSVC_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Ran(process.exitValue(), Files.readString(workDir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void verbsEndWithTheirExitCodesAndErrorsInOneLine(@TempDir Path workDir) throws Exception {
        Ran help = run(workDir, Map.of(), "--help");
        Ran wrong = run(workDir, Map.of(), "rols", "show");
        Ran bad = run(workDir, Map.of("USERSVC_PORT", "http", "USERSVC_MODE", "staging"), "config", "check");
        Ran migrated = run(workDir, Map.of(), "migrate");
        Ran keys = run(workDir, Map.of(), "keys", "list");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: user-service", "serve", "migrate", "config", "keys", "roles", "completion");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err().lines().filter(line -> line.startsWith("user-service:"))).singleElement().asString()
                .contains("rols");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("USERSVC_PORT", "USERSVC_MODE").doesNotContain("\tat ");
        assertThat(migrated.exit()).as(migrated.err()).isZero();
        assertThat(Files.exists(workDir.resolve("data/user-service.mv.db"))).isTrue();
        assertThat(keys.exit()).isZero();
        assertThat(keys.out()).contains("kid", "active");
    }

    @Test
    void theBuildWritesTheShellCompletionScript() throws Exception {
        Path script = Path.of(System.getProperty("userservice.jar")).resolveSibling("user-service-completion.bash");

        assertThat(script).exists();
        assertThat(Files.readString(script)).startsWith("#!/usr/bin/env bash").contains("keys", "roles", "revoke",
                "config", "check", "migrate", "complete -F");
    }
}
