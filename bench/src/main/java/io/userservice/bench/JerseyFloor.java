package io.userservice.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.lang.management.ManagementFactory;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The least a start on the server's HTTP stack takes: one resource on Jersey's Jetty container,
 * built the way the server builds its own (WADL off, the container made first, then Jetty bound to
 * a free loopback port), timed from the JVM's start. Prints
 * {@code jersey-floor (ms): jvm-to-main=… jersey=… jetty=… total=…}, answers one request to
 * show it serves, and exits. Run by {@code bench/floor.sh}.
 */
public final class JerseyFloor {

    private JerseyFloor() {
    }

    /** The one resource. */
    @Path("/health")
    public static final class Health {
        @GET
        @Produces("application/json")
        public String health() {
            return "{\"status\":\"ok\"}";
        }
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long main = System.currentTimeMillis();
        ResourceConfig application = new ResourceConfig().register(Health.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        JettyHttpContainer jersey = ContainerFactory.createContainer(JettyHttpContainer.class, application);
        long built = System.currentTimeMillis();
        Server http = JettyHttpContainerFactory.createServer(URI.create("http://127.0.0.1:0/"), null, jersey, false);
        http.start();
        long bound = System.currentTimeMillis();
        System.out.printf("jersey-floor (ms): jvm-to-main=%d jersey=%d jetty=%d total=%d%n", main - jvmStart,
                built - main, bound - built, bound - jvmStart);
        int port = ((ServerConnector) http.getConnectors()[0]).getLocalPort();
        var answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the floor application answered " + answer.statusCode());
        }
        http.stop();
        System.exit(0);
    }
}
