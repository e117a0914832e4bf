package io.userservice.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserDirectory;
import java.time.Instant;
import java.util.Set;
import io.userservice.core.port.StoreUnavailableException;
import java.util.Optional;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.service.UserServiceCore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** The REST feature over an in-memory core, served by Jetty on an ephemeral loopback port. */
final class RestFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final RecordingUserNotifier notifier = new RecordingUserNotifier();
    final AtomicBoolean storeReady = new AtomicBoolean(true);
    final AtomicBoolean storeDown = new AtomicBoolean(false);
    /** While set, the directory declares no capability, as a company directory the service only reads. */
    final AtomicBoolean directoryReadOnly = new AtomicBoolean(false);
    final UserServiceCore core;
    /** The in-memory state behind the core, for tests that need to look inside (e.g. at the signing key). */
    final ServiceState memory;
    private final Server server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    /** The header this fixture's container takes the client address from, as a proxy-aware container would. */
    static final String CLIENT_ADDRESS_HEADER = "X-Test-Client-Address";

    RestFixture(CoreSettings settings) {
        this(settings, ThrottleSettings.defaults(), CorsOrigins.none());
    }

    RestFixture(CoreSettings settings, ThrottleSettings throttling, CorsOrigins cors) {
        this(settings, throttling, cors, builder -> builder, feature -> feature);
    }

    /** With the REST feature adjusted, e.g. to give the pages a brand. */
    static RestFixture withFeature(java.util.function.UnaryOperator<UserServiceRestFeature> feature) {
        return new RestFixture(CoreSettings.defaults(), ThrottleSettings.defaults(), CorsOrigins.none(),
                builder -> builder, feature);
    }

    /** With the core's builder adjusted, e.g. to give it another password hasher. */
    RestFixture(CoreSettings settings, java.util.function.UnaryOperator<UserServiceCore.Builder> adjust) {
        this(settings, ThrottleSettings.defaults(), CorsOrigins.none(), adjust, feature -> feature);
    }

    private RestFixture(CoreSettings settings, ThrottleSettings throttling, CorsOrigins cors,
                        java.util.function.UnaryOperator<UserServiceCore.Builder> adjust,
                        java.util.function.UnaryOperator<UserServiceRestFeature> feature) {
        memory = InMemoryServiceState.create();
        core = adjust.apply(UserServiceCore.builder(settings,
                        hasher -> new FlakyDirectory(new InMemoryUserDirectory(hasher), storeDown,
                                directoryReadOnly), memory, notifier)
                        .bcryptCost(4).throttling(throttling).requestIds(RequestIds::current))
                .build();
        ResourceConfig config = new ResourceConfig().register(
                feature.apply(new UserServiceRestFeature(core, storeReady::get,
                        UserServiceRestFeature.DEFAULT_MAX_BODY_BYTES, "https://id.example.com",
                        java.time.Clock.systemUTC()).withCorsOrigins(cors)))
                .register(new HeaderClientAddress());
        server = JettyHttpContainerFactory.createServer(URI.create("http://127.0.0.1:0/"), config, true);
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    RestFixture() {
        this(CoreSettings.defaults());
    }

    /** The server's base URL, {@code http://127.0.0.1:port}. */
    String base() {
        return base;
    }

    /** The port the server listens on, for tests that talk raw HTTP. */
    int port() {
        return URI.create(base).getPort();
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The body without its request id, which differs from request to request by design. */
        String comparableBody() {
            return body.replaceAll(",\"requestId\":\"[^\"]*\"", "");
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText(null);
        }
    }

    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        return send(method, path, contentType, body, headers, false);
    }

    /**
     * Declares a body of {@code length} bytes but sends only the start of it, as a client does
     * that waits to see whether the server wants the rest; the answer must come before the body.
     */
    Reply sendDeclaringLength(String path, long length) {
        return sendRaw(path, "Content-Length: " + length, "{\"email\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * Posts a JSON body on a connection of its own that closes after the answer, for bodies the
     * server refuses before reading them: a pooled connection could be reused while the server closes it.
     */
    Reply postOnOwnConnection(String path, Object body) {
        byte[] bytes = json(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return sendRaw(path, "Content-Length: " + bytes.length, bytes);
    }

    /** {@link #postOnOwnConnection(String, Object)} for a body that is already JSON text. */
    Reply postJsonOnOwnConnection(String path, String json) {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return sendRaw(path, "Content-Length: " + bytes.length, bytes);
    }

    private Reply sendRaw(String path, String framing, byte[] sent) {
        URI uri = URI.create(base + path);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json\r\n"
                    + framing + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try {
                socket.getOutputStream().write(sent);
                socket.getOutputStream().flush();
            } catch (java.net.SocketException refusedBeforeTheBodyWasRead) {
                // the answer is already on its way; read it below
            }
            String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            if (raw.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
            }
            Map<String, java.util.List<String>> headers = new java.util.HashMap<>();
            raw.substring(0, raw.indexOf("\r\n\r\n")).lines().skip(1).forEach(line -> headers.put(
                    line.substring(0, line.indexOf(':')).strip(), java.util.List.of(line.substring(line.indexOf(':') + 1).strip())));
            return new Reply(status, body, java.net.http.HttpHeaders.of(headers, (name, value) -> true));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Sends a body in chunked transfer encoding on a connection of its own, as a client that does not
     * know the length ahead does: the server closes the connection after refusing such a body, so it
     * must never be a pooled one.
     */
    Reply sendChunked(String path, byte[] body) {
        java.io.ByteArrayOutputStream chunked = new java.io.ByteArrayOutputStream();
        int chunk = 8 * 1024;
        for (int at = 0; at < body.length; at += chunk) {
            int length = Math.min(chunk, body.length - at);
            chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            chunked.write(body, at, length);
            chunked.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return sendRaw(path, "Transfer-Encoding: chunked", chunked.toByteArray());
    }

    Reply send(String method, String path, String contentType, String body, Map<String, String> headers,
               boolean expectContinue) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .expectContinue(expectContinue)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return exchange(request.build());
    }

    private Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
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

    /** Delivers the mails due, then returns the code of the latest one of this kind to this email. */
    Optional<String> lastCode(MailKind kind, String email) {
        core.mailDispatcher().deliverDue();
        return notifier.lastCode(kind, email);
    }

    /** Delivers the mails due, then returns every mail delivered so far. */
    java.util.List<RecordingUserNotifier.Notification> sent() {
        core.mailDispatcher().deliverDue();
        return notifier.sent();
    }

    /** Registers, confirms and signs in; returns the login reply. */
    Reply signedIn(String email, String password) {
        post("/users", Map.of("email", email, "password", password));
        lastCode(MailKind.EMAIL_CONFIRMATION, email)
                .ifPresent(code -> post("/users/confirm", Map.of("code", code)));
        return post("/auth/login", Map.of("email", email, "password", password));
    }

    /** Puts the address named by {@link #CLIENT_ADDRESS_HEADER}, if any, where the REST layer reads it. */
    @jakarta.ws.rs.container.PreMatching
    private static final class HeaderClientAddress implements jakarta.ws.rs.container.ContainerRequestFilter {
        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
            String address = request.getHeaderString(CLIENT_ADDRESS_HEADER);
            if (address != null) {
                request.setProperty(ClientAddress.PROPERTY, address);
            }
        }
    }

    /**
     * A directory whose lookups fail as an unreachable database would, while {@code down} is set,
     * and that declares no capability while {@code readOnly} is set.
     */
    private record FlakyDirectory(UserDirectory delegate, AtomicBoolean down, AtomicBoolean readOnly)
            implements UserDirectory {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Set<DirectoryCapability> capabilities() {
            return readOnly.get() ? Set.of() : delegate.capabilities();
        }

        @Override
        public boolean assignsIds() {
            return delegate.assignsIds();
        }

        @Override
        public Optional<DirectoryUser> findByKey(String key) {
            check();
            return delegate.findByKey(key);
        }

        @Override
        public Optional<DirectoryUser> findByEmail(Email email) {
            check();
            return delegate.findByEmail(email);
        }

        @Override
        public boolean checkPassword(DirectoryUser user, String password) {
            return delegate.checkPassword(user, password);
        }

        @Override
        public void checkNoOnesPassword(String password) {
            delegate.checkNoOnesPassword(password);
        }

        @Override
        public DirectoryUser register(NewDirectoryUser user) {
            return delegate.register(user);
        }

        @Override
        public boolean markConfirmed(String key, Instant at) {
            return delegate.markConfirmed(key, at);
        }

        @Override
        public boolean setPasswordHash(String key, String passwordHash, Instant at) {
            return delegate.setPasswordHash(key, passwordHash, at);
        }

        @Override
        public boolean updateNames(String key, String firstname, String lastname, Instant at) {
            return delegate.updateNames(key, firstname, lastname, at);
        }

        @Override
        public boolean updateLanguage(String key, String language, Instant at) {
            return delegate.updateLanguage(key, language, at);
        }

        @Override
        public java.util.List<DirectoryUser> search(String prefix, String afterKey, int limit) {
            check();
            return delegate.search(prefix, afterKey, limit);
        }

        @Override
        public boolean changeEmail(String key, Email email, Instant at) {
            return delegate.changeEmail(key, email, at);
        }

        @Override
        public boolean delete(String key) {
            return delegate.delete(key);
        }

        private void check() {
            if (down.get()) {
                throw new StoreUnavailableException("connection refused", null);
            }
        }
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
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
