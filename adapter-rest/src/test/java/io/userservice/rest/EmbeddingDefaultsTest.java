package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An embedding that gives no public URL accepts no form post, whatever its Origin says. */
class EmbeddingDefaultsTest {

    private final UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
            InMemoryServiceState.create(), new RecordingUserNotifier()).bcryptCost(4).build();
    private final Server server = JettyHttpContainerFactory.createServer(URI.create("http://127.0.0.1:0/"),
            new ResourceConfig().register(new UserServiceRestFeature(core, () -> true, 65536)), true);
    private final String base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private int post(String path, String body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void withoutAPublicUrlEveryFormPostIsRefused() throws Exception {
        for (String origin : new String[] {null, "https://evil.example", base, "null"}) {
            assertThat(post("/en/user/signin", "email=a%40example.com&password=whatever+it+is", origin))
                    .as(String.valueOf(origin)).isEqualTo(403);
            assertThat(post("/en/user/confirm", "code=abc", origin)).as(String.valueOf(origin)).isEqualTo(403);
            assertThat(post("/en/user/resetPassword/complete", "code=abc&password=a+new+password", origin))
                    .as(String.valueOf(origin)).isEqualTo(403);
            assertThat(post("/en/user/signout", "", origin)).as(String.valueOf(origin)).isEqualTo(403);
        }
    }
}
