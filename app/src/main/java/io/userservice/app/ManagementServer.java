package io.userservice.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The management listener ({@code USERSVC_MANAGEMENT_HOST}:{@code USERSVC_MANAGEMENT_PORT}), apart
 * from the public port: {@code GET /metrics} (Prometheus text format), {@code GET /health/live}
 * (the process answers) and {@code GET /health/ready} (the database answers too, else 503).
 * Nothing else, and never the API.
 */
final class ManagementServer implements AutoCloseable {

    private final Server server;

    private ManagementServer(Server server) {
        this.server = server;
    }

    static ManagementServer start(OperationsConfig.Management address, PrometheusMeterRegistry registry,
                                  BooleanSupplier ready) {
        QueuedThreadPool threads = new QueuedThreadPool(4, 1);
        threads.setName("user-service-management");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(address.host());
        connector.setPort(address.port());
        server.addConnector(connector);
        server.setHandler(new Endpoints(registry, ready));
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // failing anyway
            }
            throw new ConfigException("USERSVC_MANAGEMENT_PORT: cannot listen on " + address.host() + ":"
                    + address.port() + " (" + e.getMessage() + ")");
        }
        return new ManagementServer(server);
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }

    private static final class Endpoints extends Handler.Abstract {

        private final PrometheusMeterRegistry registry;
        private final BooleanSupplier ready;

        Endpoints(PrometheusMeterRegistry registry, BooleanSupplier ready) {
            this.registry = registry;
            this.ready = ready;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            boolean known = path.equals("/metrics") || path.equals("/health/live") || path.equals("/health/ready");
            if (!known) {
                return answer(response, callback, 404, "application/json", "{\"status\":\"not_found\"}");
            }
            if (!HttpMethod.GET.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET");
                return answer(response, callback, 405, "application/json", "{\"status\":\"method_not_allowed\"}");
            }
            return switch (path) {
                case "/metrics" -> answer(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
                        registry.scrape());
                case "/health/live" -> answer(response, callback, 200, "application/json", "{\"status\":\"UP\"}");
                default -> ready.getAsBoolean()
                        ? answer(response, callback, 200, "application/json", "{\"status\":\"UP\"}")
                        : answer(response, callback, 503, "application/json", "{\"status\":\"DOWN\"}");
            };
        }

        private static boolean answer(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
