package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Answers leave whole, with their length, when they fit the interceptor's buffer: read off the
 * wire, so a chunked answer cannot pass for a whole one. The feature's own routes are checked on
 * {@link RestFixture}; bodies that flush, outgrow the buffer or fail part-way on a small Jersey
 * application with the interceptor alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeBodyInterceptorTest {

    private static final int LARGE = WholeBodyInterceptor.MAX_BUFFERED * 3 + 17;

    private final RestFixture api = new RestFixture();
    private Server server;
    private int port;

    @Path("/")
    public static final class Bodies {
        @GET
        @Path("flushed")
        @Produces("text/plain")
        public StreamingOutput flushed() {
            return out -> {
                out.write("half ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("and the rest".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            };
        }

        @GET
        @Path("large")
        @Produces("text/plain")
        public StreamingOutput large() {
            return out -> {
                byte[] line = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
                for (int written = 0; written < LARGE; written += line.length) {
                    out.write(line, 0, Math.min(line.length, LARGE - written));
                }
            };
        }

        @GET
        @Path("failing")
        @Produces("text/plain")
        public StreamingOutput failing() {
            return out -> {
                out.write("a half-written answer".getBytes(StandardCharsets.US_ASCII));
                throw new WebApplicationException(Response.status(503).entity("try again").type("text/plain").build());
            };
        }
    }

    @BeforeAll
    void start() {
        ResourceConfig config = new ResourceConfig().register(Bodies.class).register(new WholeBodyInterceptor());
        server = JettyHttpContainerFactory.createServer(URI.create("http://127.0.0.1:0/"), config, true);
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        api.close();
    }

    @Test
    void theFeaturesAnswersCarryTheirLength() throws IOException {
        Wire health = Wire.get(api.port(), "/health", Map.of());
        Wire missing = Wire.get(api.port(), "/nowhere", Map.of());
        Wire refused = Wire.get(api.port(), "/user", Map.of("Authorization", "Bearer not-a-token"));

        for (Wire answer : new Wire[] {health, missing, refused}) {
            assertThat(answer.header("transfer-encoding")).as(answer.head).isNull();
            assertThat(answer.header("content-length")).as(answer.head)
                    .isEqualTo(String.valueOf(answer.body.length));
        }
        assertThat(health.status).isEqualTo(200);
        assertThat(missing.status).isEqualTo(404);
        assertThat(refused.status).isEqualTo(401);
        assertThat(new String(refused.body, StandardCharsets.UTF_8)).contains("\"status\":\"error\"");
    }

    @Test
    void aHeadAnswerNamesTheLengthOfTheBodyItLeavesOut() throws IOException {
        Wire get = Wire.get(api.port(), "/health", Map.of());
        Wire head = Wire.request(api.port(), "HEAD", "/health", Map.of());

        assertThat(head.status).isEqualTo(200);
        assertThat(head.header("content-length")).isEqualTo(String.valueOf(get.body.length));
    }

    @Test
    void flushesWhileTheBodyIsHeldDoNotSendItEarly() throws IOException {
        Wire answer = Wire.get(port, "/flushed", Map.of());

        assertThat(answer.header("transfer-encoding")).isNull();
        assertThat(answer.header("content-length")).isEqualTo("17");
        assertThat(new String(answer.body, StandardCharsets.US_ASCII)).isEqualTo("half and the rest");
    }

    @Test
    void aBodyLargerThanTheBufferIsStreamedWhole() throws IOException {
        Wire answer = Wire.get(port, "/large", Map.of());

        assertThat(answer.status).isEqualTo(200);
        // streamed: no length ahead (on this closing connection the body ends with it)
        assertThat(answer.header("content-length")).isNull();
        assertThat(answer.body).hasSize(LARGE);
        assertThat(new String(answer.body, 0, 32, StandardCharsets.US_ASCII))
                .isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void aWriterThatFailsPartWaySendsOnlyTheErrorAnswer() throws IOException {
        Wire answer = Wire.get(port, "/failing", Map.of());

        assertThat(answer.status).isEqualTo(503);
        assertThat(new String(answer.body, StandardCharsets.US_ASCII)).isEqualTo("try again")
                .doesNotContain("half-written");
        assertThat(answer.header("content-length")).isEqualTo("9");
    }

    /** One answer read off a connection of its own, as the bytes came: head, then the body decoded. */
    private record Wire(int status, String head, byte[] body) {

        static Wire get(int port, String path, Map<String, String> headers) throws IOException {
            return request(port, "GET", path, headers);
        }

        static Wire request(int port, String method, String path, Map<String, String> headers) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n");
                headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
                socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                byte[] raw = socket.getInputStream().readAllBytes();
                int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
                String head = new String(raw, 0, end, StandardCharsets.US_ASCII);
                byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
                boolean chunked = head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked");
                return new Wire(Integer.parseInt(head.substring(9, 12)), head, chunked ? dechunked(rest) : rest);
            }
        }

        String header(String name) {
            return head.lines().skip(1)
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse(null);
        }

        private static byte[] dechunked(byte[] chunked) throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            int at = 0;
            while (true) {
                int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
                if (lineEnd < 0) {
                    throw new IOException("a chunk without its size line");
                }
                int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).strip(), 16);
                if (size == 0) {
                    return body.toByteArray();
                }
                body.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        }

        private static int indexOf(byte[] in, byte[] what, int from) {
            outer:
            for (int i = from; i <= in.length - what.length; i++) {
                for (int j = 0; j < what.length; j++) {
                    if (in[i + j] != what[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
