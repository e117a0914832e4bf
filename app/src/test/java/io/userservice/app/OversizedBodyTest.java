package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients that post more than {@code USERSVC_MAX_BODY_BYTES}, over raw sockets against the full
 * server: whether they write fast or slowly, with a declared length or chunked, each reads the
 * whole JSON 413 and then the end of the connection, never a reset. A client that keeps writing
 * past what the server is willing to read is cut off, and such clients hold no worker thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversizedBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUNS = 20;
    private static final int FIVE_MEGABYTES = 5 * 1024 * 1024;
    private static final int HTTP_THREADS = 8;

    private UserServiceServer server;

    @BeforeAll
    void start() {
        PerformanceConfig defaults = PerformanceConfig.defaults();
        server = UserServiceServer.start(AppConfig.from(Map.of(
                "USERSVC_PORT", "0",
                "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:oversized-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_PUBLIC_URL", "https://id.example.com",
                "USERSVC_MODE", "development",
                "USERSVC_BCRYPT_COST", "4")),
                new PerformanceConfig(defaults.hashConcurrency(), defaults.hashQueue(), defaults.tokenCacheSize(),
                        defaults.tokenCacheMaxAge(), HTTP_THREADS));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** How a client writes its body: in pieces of this many bytes, pausing this long after each. */
    private record Pace(int piece, Duration pause) {
        static final Pace FAST = new Pace(64 * 1024, Duration.ZERO);
    }

    private record Answer(int status, String headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static byte[] head(String path, String framing) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] declared(String path, byte[] body) {
        byte[] head = head(path, "Content-Length: " + body.length + "\r\n");
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private static byte[] chunked(String path, byte[] body, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 100 + 1024);
        out.writeBytes(head(path, "Transfer-Encoding: chunked\r\n"));
        for (int at = 0; at < body.length; at += chunkSize) {
            int n = Math.min(chunkSize, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] fiveMegabytesOfJson() {
        byte[] body = new byte[FIVE_MEGABYTES];
        Arrays.fill(body, (byte) 'x');
        byte[] start = "{\"email\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    private static byte[] loginWithAHundredKilobytePassword() {
        return ("{\"email\":\"ann@example.com\",\"password\":\"" + "p".repeat(100 * 1024) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes the whole request at the given pace, then reads the answer to the end of the
     * connection; an {@link IOException} anywhere (a reset, a broken pipe) fails the caller.
     */
    private Answer exchange(byte[] request, Pace pace) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (int at = 0; at < request.length; at += pace.piece()) {
                out.write(request, at, Math.min(pace.piece(), request.length - at));
                out.flush();
                if (!pace.pause().isZero()) {
                    LockSupport.parkNanos(pace.pause().toNanos());
                }
            }
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /**
     * The answer, whose body must be complete: all its declared bytes, every chunk up to the last,
     * or (without either) everything up to the end of the connection.
     */
    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete response head in: " + text).isPositive();
        String headers = text.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = text.substring(end + 4);
        String body;
        if (headers.contains("transfer-encoding: chunked")) {
            StringBuilder chunks = new StringBuilder();
            int at = 0;
            int size;
            do {
                int lineEnd = rest.indexOf("\r\n", at);
                assertThat(lineEnd).as("another chunk in: " + rest).isGreaterThanOrEqualTo(0);
                size = Integer.parseInt(rest.substring(at, lineEnd).strip(), 16);
                assertThat(lineEnd + 2 + size + 2).as("a whole chunk in: " + rest).isLessThanOrEqualTo(rest.length());
                chunks.append(rest, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            } while (size > 0);
            body = chunks.toString();
        } else if (headers.contains("content-length:")) {
            int length = Integer.parseInt(headers.lines().filter(l -> l.startsWith("content-length:")).findFirst()
                    .orElseThrow().substring(15).strip());
            assertThat(rest).as("the whole body").hasSize(length);
            body = rest;
        } else {
            body = rest;
        }
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return new Answer(Integer.parseInt(text.substring(9, 12)), headers, new String(bytes, StandardCharsets.UTF_8));
    }

    private static void assertPayloadTooLarge(Answer answer) throws IOException {
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers()).contains("connection: close").contains("content-type: application/json");
        assertThat(answer.json().path("status").asText()).isEqualTo("error");
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("payload_too_large");
    }

    private void assertEveryRunReadsThe413(byte[] request, Pace pace) throws IOException {
        for (int run = 0; run < RUNS; run++) {
            Answer answer;
            try {
                answer = exchange(request, pace);
            } catch (IOException e) {
                throw new AssertionError("run " + (run + 1) + " of " + RUNS + " could not read the 413: " + e, e);
            }
            assertPayloadTooLarge(answer);
        }
    }

    @Test
    void aFiveMegabyteBodyOfDeclaredLengthWrittenFastGetsTheWhole413() throws IOException {
        assertEveryRunReadsThe413(declared("/users", fiveMegabytesOfJson()), Pace.FAST);
    }

    @Test
    void aFiveMegabyteBodyOfDeclaredLengthWrittenSlowlyGetsTheWhole413() throws IOException {
        assertEveryRunReadsThe413(declared("/users", fiveMegabytesOfJson()), new Pace(128 * 1024, Duration.ofMillis(5)));
    }

    @Test
    void aHundredKilobytePasswordWrittenFastGetsTheWhole413() throws IOException {
        assertEveryRunReadsThe413(declared("/auth/login", loginWithAHundredKilobytePassword()), Pace.FAST);
    }

    @Test
    void aHundredKilobytePasswordWrittenSlowlyGetsTheWhole413() throws IOException {
        assertEveryRunReadsThe413(declared("/auth/login", loginWithAHundredKilobytePassword()),
                new Pace(4 * 1024, Duration.ofMillis(5)));
    }

    @Test
    void aChunkedFiveMegabyteBodyWrittenFastGetsTheWhole413() throws IOException {
        assertEveryRunReadsThe413(chunked("/users", fiveMegabytesOfJson(), 32 * 1024), Pace.FAST);
    }

    @Test
    void aChunkedFiveMegabyteBodyWrittenSlowlyGetsTheWhole413() throws IOException {
        assertEveryRunReadsThe413(chunked("/auth/login", fiveMegabytesOfJson(), 32 * 1024),
                new Pace(128 * 1024, Duration.ofMillis(5)));
    }

    /** Declares a body of a gigabyte, reads the 413, and writes on at the pace until the server hangs up. */
    private long bytesWrittenUntilCutOff(Socket socket, Pace pace, Duration giveUpAfter) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(head("/users", "Content-Length: " + (1L << 30) + "\r\n"));
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat(readHead(in)).startsWith("http/1.1 413").contains("connection: close");
        byte[] piece = new byte[pace.piece()];
        Arrays.fill(piece, (byte) 'x');
        long written = 0;
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                out.write(piece);
                out.flush();
                written += piece.length;
                if (!pace.pause().isZero()) {
                    LockSupport.parkNanos(pace.pause().toNanos());
                }
            }
        } catch (IOException cutOff) {
            return written;
        }
        throw new AssertionError("still writing after " + giveUpAfter + " and " + written + " bytes");
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    @Test
    void aClientWritingOnPastTheByteBoundIsCutOff() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            long written = bytesWrittenUntilCutOff(socket, Pace.FAST, Duration.ofSeconds(30));

            assertThat(written).as("cut off after the drained bytes and what the socket buffers held")
                    .isBetween(LingeringClose.MAX_DRAIN_BYTES, LingeringClose.MAX_DRAIN_BYTES + 64L * 1024 * 1024);
        }
    }

    @Test
    void aClientTricklingOnPastTheTimeBoundIsCutOff() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            long started = System.nanoTime();
            long written = bytesWrittenUntilCutOff(socket, new Pace(1024, Duration.ofMillis(50)),
                    LingeringClose.MAX_DRAIN_TIME.multipliedBy(4));

            assertThat(written).as("far below the byte bound").isLessThan(LingeringClose.MAX_DRAIN_BYTES);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(
                    LingeringClose.MAX_DRAIN_TIME);
        }
    }

    @Test
    void clientsTricklingAfterA413HoldNoWorkerThread() throws Exception {
        List<Socket> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < HTTP_THREADS * 2; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                trickling.add(socket);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(head("/users", "Content-Length: " + (1L << 30) + "\r\n"));
                socket.getOutputStream().write(new byte[1024]);
                socket.getOutputStream().flush();
                assertThat(readHead(socket.getInputStream())).startsWith("http/1.1 413");
            }

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).as("twice as many draining clients as worker threads").isEqualTo(200);
        } finally {
            for (Socket socket : trickling) {
                socket.close();
            }
        }
    }
}
