package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance killed while it sends a mail delays that mail by its claim only: the packaged jar
 * claims the confirmation mail and connects to a mail server that never answers, is killed with
 * SIGKILL mid-send, and a second instance on the same PostgreSQL, with a working mail server,
 * sends the mail as soon as the claim has expired (the SMTP timeouts plus a margin), not minutes later.
 */
class CrashedInstanceMailIT {

    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration EXPECTED_CLAIM = SMTP_TIMEOUT.multipliedBy(2).plusSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** The time the second instance needs to send a mail once it is due: an SMTP exchange on this machine. */
    private static final Duration SENDING = Duration.ofSeconds(5);
    private static final Pattern CODE = Pattern.compile("/user/confirm\\?code=([A-Za-z0-9_-]+)");

    @TempDir
    Path workDir;

    /** Accepts SMTP connections and never says a word, as a mail server that hangs. */
    private static final class SilentMailServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        final CountDownLatch connected = new CountDownLatch(1);
        final List<Socket> held = new CopyOnWriteArrayList<>();
        volatile Instant firstConnectionAt;

        SilentMailServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket client = socket.accept();
                        held.add(client);
                        if (firstConnectionAt == null) {
                            firstConnectionAt = Instant.now();
                        }
                        connected.countDown();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : held) {
                client.close();
            }
        }
    }

    private record OutboxRow(String state, int attempts, Integer claimAttempt, Instant nextAttemptAt,
                             String lastError) {
    }

    private static OutboxRow theOnlyMail(EmbeddedPostgres postgres, String database) throws SQLException {
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT state, attempts, claim_attempt, next_attempt_at,"
                     + " last_error FROM mail_outbox")) {
            assertThat(row.next()).as("one mail in the outbox").isTrue();
            OutboxRow mail = new OutboxRow(row.getString(1), row.getInt(2), (Integer) row.getObject(3),
                    Instant.ofEpochMilli(row.getLong(4)), row.getString(5));
            assertThat(row.next()).as("only one mail in the outbox").isFalse();
            return mail;
        }
    }

    @Test
    void theMailOfAnInstanceKilledMidSendLeavesOnceItsClaimExpired() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
             SilentMailServer silent = new SilentMailServer()) {
            String database = "crash";
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            Map<String, String> env = new HashMap<>(Map.of(
                    "USERSVC_PORT", "0",
                    "USERSVC_HOST", "127.0.0.1",
                    "USERSVC_PUBLIC_URL", "https://id.example.com",
                    "USERSVC_DB_URL", postgres.getJdbcUrl("postgres", database),
                    "USERSVC_DB_USER", "postgres",
                    "USERSVC_SMTP_HOST", "127.0.0.1",
                    "USERSVC_SMTP_STARTTLS", "none",
                    "USERSVC_SMTP_TIMEOUT", SMTP_TIMEOUT.toString(),
                    "USERSVC_MAIL_POLL_INTERVAL", POLL_INTERVAL.toString(),
                    "USERSVC_BCRYPT_COST", "4"));

            env.put("USERSVC_SMTP_PORT", Integer.toString(silent.socket.getLocalPort()));
            env.put("USERSVC_MODE", "development");
            OutboxRow claimed;
            try (RunningJar first = RunningJar.start(workDir, env)) {
                assertThat(register(first.port(), "crash@example.com")).isEqualTo(201);
                assertThat(silent.connected.await(30, TimeUnit.SECONDS)).as("the first instance is sending")
                        .isTrue();

                first.kill();

                claimed = theOnlyMail(postgres, database);
            }
            assertThat(claimed.state()).isEqualTo("PENDING");
            assertThat(claimed.attempts()).isEqualTo(1);
            assertThat(claimed.claimAttempt()).as("killed while holding the claim, before the send timed out")
                    .isEqualTo(1);
            assertThat(claimed.lastError()).isNull();
            Duration claim = Duration.between(silent.firstConnectionAt, claimed.nextAttemptAt());
            assertThat(claim).as("the claim: the SMTP timeouts plus a margin, not 5 minutes")
                    .isLessThanOrEqualTo(EXPECTED_CLAIM).isGreaterThan(EXPECTED_CLAIM.minusSeconds(2));

            GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            smtp.start();
            try {
                env.put("USERSVC_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
                try (RunningJar second = RunningJar.start(workDir, env)) {
                    Duration waitAtMost = Duration.between(Instant.now(), claimed.nextAttemptAt())
                            .plus(POLL_INTERVAL).plus(SENDING);
                    assertThat(smtp.waitForIncomingEmail(waitAtMost.toMillis(), 1))
                            .as("the mail within the claim and a poll interval:\n"
                                    + String.join("\n", second.output()))
                            .isTrue();
                    Instant arrived = Instant.now();

                    assertThat(arrived).as("the second instance waited for the claim to expire")
                            .isAfterOrEqualTo(claimed.nextAttemptAt());
                    MimeMessage[] received = smtp.getReceivedMessages();
                    assertThat(received).hasSize(1);
                    assertThat(confirm(second.port(), codeIn(received[0]))).isEqualTo(200);
                    assertThat(theOnlyMail(postgres, database).attempts()).isEqualTo(2);
                }
            } finally {
                smtp.stop();
            }
        }
    }

    private static String codeIn(MimeMessage message) {
        String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
        Matcher matcher = CODE.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private static int register(int port, String email) throws IOException, InterruptedException {
        return post(port, "/users", "{\"email\":\"" + email + "\",\"password\":\"long enough\"}");
    }

    private static int confirm(int port, String code) throws IOException, InterruptedException {
        return post(port, "/users/confirm", "{\"code\":\"" + code + "\"}");
    }

    private static int post(int port, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
