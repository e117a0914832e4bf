package io.userservice.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The training run behind the application class-data archive the build writes beside the jar
 * ({@code app/target/user-service.jsa}, see the README's first command): the build runs
 * {@code java -XX:ArchiveClassesAtExit=… -cp user-service.jar io.userservice.app.ClassDataTraining},
 * and the JVM records every class this run loaded. It serves as {@code java -jar user-service.jar}
 * does, on a new H2 database in a temporary directory, twice: once creating the schema and once
 * on the existing database; each time it answers a few requests, then stops. A JVM started with
 * {@code -XX:SharedArchiveFile} maps those classes instead of loading them from the jar.
 */
final class ClassDataTraining {

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        StartupPhases.mainEntered();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Path directory = Files.createTempDirectory("user-service-class-data");
        try {
            Map<String, String> environment = Map.of(
                    "USERSVC_DB_URL", "jdbc:h2:file:" + directory.resolve("data").resolve("user-service"),
                    "USERSVC_HOST", "127.0.0.1",
                    "USERSVC_PORT", "0",
                    "USERSVC_MANAGEMENT_PORT", "0");
            serveOnce(environment); // an empty database: the schema is created
            serveOnce(environment); // the database now exists
        } finally {
            deleteAll(directory);
        }
        System.exit(0);
    }

    private static void serveOnce(Map<String, String> environment) throws Exception {
        Cli cli = new Cli(environment);
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        if (Cli.run(cli, out, err) != Cli.OK || cli.server() == null) {
            throw new IllegalStateException("the server did not start");
        }
        try (UserServiceServer server = cli.server()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            for (String path : new String[] {"/health/ready", "/.well-known/jwks.json", "/user", "/openapi.json"}) {
                http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
