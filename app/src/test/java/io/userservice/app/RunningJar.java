package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar running in a process of its own, as the README starts it, with its output kept. */
final class RunningJar implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("User Service ready on [^:]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private RunningJar(Path workDir, Map<String, String> environment) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("userservice.jar"));
        assertThat(Files.exists(jar)).as(jar.toString()).isTrue();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            port = awaitPort();
        } catch (AssertionError | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Starts the jar in {@code workDir} with these variables added to the environment and waits until it serves. */
    static RunningJar start(Path workDir, Map<String, String> environment) throws IOException, InterruptedException {
        return new RunningJar(workDir, environment);
    }

    int port() {
        return port;
    }

    List<String> output() {
        return output;
    }

    /** Ends the process as {@code kill -9} does: no shutdown hook, nothing finished or released. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    /** Stops the process with SIGTERM, as an operator would, unless it has ended already. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private int awaitPort() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (String line : output) {
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            assertThat(process.isAlive()).as(String.join("\n", output)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("not ready:\n" + String.join("\n", output));
    }
}
