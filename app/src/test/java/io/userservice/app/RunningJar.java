package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar running in a process of its own, as the README starts it, with its output kept. */
final class RunningJar implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("User Service ready on [^:]+:(\\d+)");

    private final Process process;
    private final Thread reader;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private RunningJar(Path workDir, Map<String, String> environment, List<Path> classPathAfterJar)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("userservice.jar"));
        assertThat(Files.exists(jar)).as(jar.toString()).isTrue();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        if (classPathAfterJar.isEmpty()) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            StringJoiner classPath = new StringJoiner(File.pathSeparator).add(jar.toString());
            classPathAfterJar.forEach(entry -> classPath.add(entry.toString()));
            command.addAll(List.of("-cp", classPath.toString(), Main.class.getName()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("USERSVC_MANAGEMENT_PORT", "0"); // instances side by side: a free port each
        builder.environment().putAll(environment);
        process = builder.start();
        reader = new Thread(() -> {
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
        return new RunningJar(workDir, environment, List.of());
    }

    /**
     * Starts the jar as {@code java -cp user-service.jar:<more> io.userservice.app.Main}, the way
     * to add a jar of one's own (a user directory): {@code java -jar} ignores the class path.
     */
    static RunningJar startWithClassPath(Path workDir, Map<String, String> environment, List<Path> more)
            throws IOException, InterruptedException {
        return new RunningJar(workDir, environment, List.copyOf(more));
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
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output unread
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        reader.join(5_000); // so that the output holds what the process wrote while it stopped
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
