package io.userservice.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userservice.core.memory.InMemoryStores;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.service.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** The REST feature over an in-memory core, served by Grizzly on an ephemeral loopback port. */
final class RestFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final RecordingUserNotifier notifier = new RecordingUserNotifier();
    final AtomicBoolean storeReady = new AtomicBoolean(true);
    final UserServiceCore core;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    RestFixture(CoreSettings settings) {
        core = UserServiceCore.builder(settings, InMemoryStores.create(), notifier).bcryptCost(4).build();
        ResourceConfig config = new ResourceConfig().register(
                new UserServiceRestFeature(core, storeReady::get, UserServiceRestFeature.DEFAULT_MAX_BODY_BYTES));
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config, true);
        base = "http://127.0.0.1:" + server.getListener("grizzly").getPort();
    }

    RestFixture() {
        this(CoreSettings.defaults());
    }

    record Reply(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }

        String errorCode() {
            return json().path("error").path("code").asText(null);
        }
    }

    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Reply post(String path, Object body) {
        return send("POST", path, "application/json", json(body), Map.of());
    }

    Reply post(String path, Object body, String accessToken) {
        return send("POST", path, "application/json", json(body), Map.of("Authorization", "Bearer " + accessToken));
    }

    Reply put(String path, Object body, String accessToken) {
        return send("PUT", path, "application/json", json(body), Map.of("Authorization", "Bearer " + accessToken));
    }

    Reply get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Reply get(String path, String accessToken) {
        return send("GET", path, null, null, Map.of("Authorization", "Bearer " + accessToken));
    }

    Reply delete(String path, String accessToken) {
        return send("DELETE", path, null, null, Map.of("Authorization", "Bearer " + accessToken));
    }

    /** Registers, confirms and signs in; returns the login reply. */
    Reply signedIn(String email, String password) {
        post("/users", Map.of("email", email, "password", password));
        notifier.lastCode(RecordingUserNotifier.Kind.EMAIL_CONFIRMATION, email)
                .ifPresent(code -> post("/users/confirm", Map.of("code", code)));
        return post("/auth/login", Map.of("email", email, "password", password));
    }

    static String json(Object body) {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
