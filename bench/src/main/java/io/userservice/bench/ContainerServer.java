package io.userservice.bench;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import io.userservice.rest.UserServiceRestFeature;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The REST feature over an in-memory core, served by one of three HTTP containers, so that
 * {@code bench/containers.sh} can compare them on the same application: Jetty 12 (what the server
 * uses), Grizzly 4 and the JDK's HttpServer. Prints {@code port<TAB>access token} and serves until
 * killed.
 *
 * <pre>java -cp … io.userservice.bench.ContainerServer jetty|grizzly|jdk</pre>
 */
public final class ContainerServer {

    private ContainerServer() {
    }

    public static void main(String[] args) throws Exception {
        String container = args.length > 0 ? args[0] : "jetty";
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false),
                        InMemoryUserDirectory::new, InMemoryServiceState.create(), new RecordingUserNotifier())
                .bcryptCost(4)
                .verifiedTokenCache(Duration.ofSeconds(60), 10_000)
                .build();
        core.register().register(RegisterUserUseCase.Command.of("bench@example.com", "correct horse battery",
                "Bench", "User", "en", ClientAddress.unknown()));
        String token = core.logIn().logIn(new LogInUseCase.Command("bench@example.com", "correct horse battery",
                ClientAddress.unknown()))
                .tokens().accessToken();
        ResourceConfig application = new ResourceConfig().register(new UserServiceRestFeature(core, () -> true,
                UserServiceRestFeature.DEFAULT_MAX_BODY_BYTES, "http://127.0.0.1", Clock.systemUTC()));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        switch (container) {
            case "jetty" -> {
                Server server = JettyHttpContainerFactory.createServer(uri, application, false);
                if (server.getThreadPool() instanceof QueuedThreadPool pool) {
                    pool.setMaxThreads(32);
                }
                server.start();
            }
            case "grizzly" -> {
                GrizzlyHttpServerFactory.createHttpServer(uri, application, true);
            }
            case "jdk" -> {
                com.sun.net.httpserver.HttpServer server = JdkHttpServerFactory.createHttpServer(uri, application, false);
                server.setExecutor(Executors.newFixedThreadPool(32));
                server.start();
            }
            default -> throw new IllegalArgumentException("container must be jetty, grizzly or jdk");
        }
        System.out.println(port + "\t" + token);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
