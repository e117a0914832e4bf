package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as the README says, on the embedded defaults: it migrates its H2
 * file database, serves the API, writes mail to the log, and stops cleanly on SIGTERM.
 */
class RunnableJarIT {

    private static final Pattern READY = Pattern.compile("User Service ready on [^:]+:(\\d+)");

    @Test
    void theJarStartsServesAndStopsOnSigterm(@TempDir Path workDir) throws Exception {
        Path jar = Path.of(System.getProperty("userservice.jar"));
        assertThat(Files.exists(jar)).as(jar.toString()).isTrue();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("USERSVC_PORT", "0");
        builder.environment().put("USERSVC_HOST", "127.0.0.1");
        builder.environment().put("USERSVC_BCRYPT_COST", "4");
        builder.environment().put("USERSVC_MANAGEMENT_PORT", "0");
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            int port = awaitPort(output, process);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(base + "/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"jar@example.com\",\"password\":\"long enough\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.body()).isEqualTo("all good");
            assertThat(output).as("listens on the configured address only")
                    .anyMatch(line -> line.contains("{127.0.0.1:" + port + "}"));
            assertThat(output).as("the start, phase by phase, as bench/startup.sh reads it")
                    .anyMatch(line -> line.matches(".*start-up phases \\(ms\\): jvm-to-main=\\d+ configuration=\\d+"
                            + " database=\\d+ directory=\\d+ keys=\\d+ core=\\d+ jersey=\\d+ jetty=\\d+ ready=\\d+"
                            + " total=\\d+"));
            assertThat(registered.statusCode()).isEqualTo(201);
            assertThat(health.headers().firstValue("Server")).isEmpty();
            awaitLine(output, "/en/user/confirm?code=");
            assertThat(Files.exists(workDir.resolve("data/user-service.mv.db"))).isTrue();
        } finally {
            process.toHandle().destroy(); // SIGTERM, leaving the output stream open to read the shutdown
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
        }
        assertThat(output).as("exit %d", process.exitValue()).anyMatch(line -> line.contains("User Service stopped"));
        assertThat(output).noneMatch(line -> line.contains("ERROR"));
        assertThat(output).as("the database stays open until the server has stopped")
                .noneMatch(line -> line.contains("Database is already closed"));
    }

    private static int awaitPort(List<String> output, Process process) throws InterruptedException {
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

    private static void awaitLine(List<String> output, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (output.stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line with " + text + ":\n" + String.join("\n", output));
    }
}
