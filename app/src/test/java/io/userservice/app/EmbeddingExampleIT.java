package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application of its own embeds the core: the project's artifacts and BOM are installed with
 * {@code mvn install} into a fresh local repository, and {@code examples/embedding} is built
 * against them and run on its runtime class path. That proves the published jars and poms carry
 * everything an embedder needs and nothing from test scope.
 *
 * <p>The fresh repository gets everything else (plugins, libraries) from the build's own local
 * repository, read as a mirror through {@code file:}, so no network is needed and nothing is
 * written into the build's repository.
 */
class EmbeddingExampleIT {

    private static final long MINUTES_AT_MOST = 15;

    private final Path root = Path.of(System.getProperty("userservice.root", "..")).toAbsolutePath().normalize();
    private final Path buildRepository = Path.of(System.getProperty("userservice.repository",
            System.getProperty("user.home") + "/.m2/repository"));

    @Test
    void anApplicationBuildsAndRunsAgainstTheInstalledArtifactsAlone(@TempDir Path temp) throws IOException {
        Path repository = temp.resolve("repository");
        Path settings = temp.resolve("settings.xml");
        Files.writeString(settings, mirrorSettings(), StandardCharsets.UTF_8);
        Map<Path, Long> before = projectArtifactsIn(buildRepository);

        maven(root, temp.resolve("install.log"), settings, repository,
                "-DskipTests", "install", "-pl", "bom,core,adapter-jdbc,adapter-mail", "-am");
        Path example = copy(root.resolve("examples/embedding"), temp.resolve("embedding"));
        String output = maven(example, temp.resolve("example.log"), settings, repository, "compile", "exec:java");

        assertThat(output).contains("signed in as ada@example.com");
        assertThat(repository.resolve("io/userservice/user-service-bom/0.1.0-SNAPSHOT")).isDirectory();
        assertThat(projectArtifactsIn(buildRepository)).as("the build's own repository is left alone")
                .isEqualTo(before);
    }

    private String mirrorSettings() {
        return """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>build-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(buildRepository.toUri());
    }

    /** Runs Maven quietly in {@code directory}; its output, or a failure that shows the end of it. */
    private static String maven(Path directory, Path log, Path settings, Path repository, String... arguments) {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-q", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(MINUTES_AT_MOST, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("Maven did not finish within " + MINUTES_AT_MOST + " minutes: " + command);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s failed:%n%s", command, tail(output)).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String mavenExecutable() {
        String home = System.getProperty("userservice.maven.home");
        return home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }

    private static String tail(String output) {
        return output.length() <= 6_000 ? output : output.substring(output.length() - 6_000);
    }

    /** The project's sources, without what a build left in them. */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    /** Each file of the project's own artifacts in {@code repository}, with when it was last written. */
    private static Map<Path, Long> projectArtifactsIn(Path repository) throws IOException {
        Map<Path, Long> files = new TreeMap<>();
        Path ours = repository.resolve("io/userservice");
        if (!Files.isDirectory(ours)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(ours)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(file, Files.getLastModifiedTime(file).toMillis());
            }
        }
        return files;
    }
}
