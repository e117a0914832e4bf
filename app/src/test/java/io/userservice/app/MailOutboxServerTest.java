package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox in the real server: mail waits in the database through an SMTP outage and through a
 * crash, and leaves once the mail server is back or the next instance starts.
 */
class MailOutboxServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONFIRM_LINK =
            Pattern.compile("https://id\\.example\\.com/en/user/confirm\\?code=([A-Za-z0-9_%-]+)");
    private static final long MAIL_WAIT_MILLIS = 60_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final int smtpPort = freePort();
    private GreenMail smtp;
    private UserServiceServer server;

    @TempDir
    Path dataDir;

    private String dbUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("outbox").toAbsolutePath();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("USERSVC_PORT", "0");
        env.put("USERSVC_HOST", "127.0.0.1");
        env.put("USERSVC_DB_URL", dbUrl());
        env.put("USERSVC_PUBLIC_URL", "https://id.example.com");
        env.put("USERSVC_MODE", "development");
        env.put("USERSVC_SMTP_HOST", "127.0.0.1");
        env.put("USERSVC_SMTP_PORT", Integer.toString(smtpPort));
        env.put("USERSVC_SMTP_STARTTLS", "none");
        env.put("USERSVC_MAIL_FROM", "accounts@example.com");
        env.put("USERSVC_MAIL_POLL_INTERVAL", "PT0.2S");
        env.put("USERSVC_BCRYPT_COST", "4");
        return env;
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private int post(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private String codeIn(MimeMessage message) {
        String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
        Matcher matcher = CONFIRM_LINK.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    @Test
    void registerAndResetAnswerWhileTheMailServerIsDownAndTheMailLeavesWhenItIsBack() throws Exception {
        server = UserServiceServer.start(AppConfig.from(env()));

        assertThat(post("/users", "{\"email\":\"outage@example.com\",\"password\":\"long enough\"}")).isEqualTo(201);
        assertThat(post("/users/password/reset", "{\"email\":\"outage@example.com\"}")).isEqualTo(202);
        startSmtp();

        assertThat(smtp.waitForIncomingEmail(MAIL_WAIT_MILLIS, 2)).as("both mails arrive").isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received).extracting(MimeMessage::getMessageID)
                .allMatch(id -> id.matches("<outbox-\\d+\\.[A-Za-z0-9_-]+@id\\.example\\.com>"));
        MimeMessage confirmation = received[0].getSubject().startsWith("Confirm") ? received[0] : received[1];
        assertThat(post("/users/confirm", JSON.writeValueAsString(Map.of("code", codeIn(confirmation)))))
                .isEqualTo(200);
    }

    @Test
    void aMailWrittenByAnInstanceThatDiedBeforeSendingIsSentByTheNextInstance() throws Exception {
        AppConfig config = AppConfig.from(env());
        JdbcStores crashed = JdbcStores.open(new JdbcSettings(dbUrl(), "sa", "", 2));
        UserNotifier neverCalled = mail -> {
            throw new AssertionError("the dying instance never delivers");
        };
        UserServiceCore dying = UserServiceCore.builder(config.coreSettings(), crashed.directory(), crashed.state(), neverCalled)
                .bcryptCost(4).build();
        dying.register().register(RegisterUserUseCase.Command.of("crash@example.com", "long enough", null, null, null, ClientAddress.unknown()));
        crashed.close();
        startSmtp();

        server = UserServiceServer.start(config);

        assertThat(smtp.waitForIncomingEmail(MAIL_WAIT_MILLIS, 1)).isTrue();
        assertThat(post("/users/confirm", JSON.writeValueAsString(Map.of("code",
                codeIn(smtp.getReceivedMessages()[0]))))).isEqualTo(200);
    }

    @Test
    void withAKeyEncryptionKeyTheOutboxColumnHoldsNoPlainCode() throws Exception {
        Map<String, String> env = env();
        env.put("USERSVC_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        server = UserServiceServer.start(AppConfig.from(env));
        assertThat(post("/users", "{\"email\":\"sealed@example.com\",\"password\":\"long enough\"}")).isEqualTo(201);
        String column;
        try (Connection connection = DriverManager.getConnection(dbUrl(), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT code FROM mail_outbox WHERE state = 'PENDING'")) {
            assertThat(row.next()).as("the mail waits while the mail server is down").isTrue();
            column = row.getString(1);
        }
        startSmtp();

        assertThat(smtp.waitForIncomingEmail(MAIL_WAIT_MILLIS, 1)).isTrue();
        String code = codeIn(smtp.getReceivedMessages()[0]);
        assertThat(column).startsWith("aes256gcm-code:v1:").doesNotContain(code);
        assertThat(post("/users/confirm", JSON.writeValueAsString(Map.of("code", code)))).isEqualTo(200);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
