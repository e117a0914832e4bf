package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A server in development mode says at start that it is not for production; one in production does not. */
class DevelopmentModeTest {

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(UserServiceServer.class);

    @BeforeEach
    void capture() {
        captured.start();
        log.addAppender(captured);
    }

    @AfterEach
    void release() {
        log.detachAppender(captured);
    }

    private boolean bannerAfterStarting(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("USERSVC_PORT", "0", "USERSVC_HOST", "127.0.0.1",
                "USERSVC_DB_URL", "jdbc:h2:mem:mode-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "USERSVC_BCRYPT_COST", "4"));
        env.putAll(extra);
        try (UserServiceServer server = UserServiceServer.start(AppConfig.from(env))) {
            return captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("DEVELOPMENT MODE"));
        }
    }

    @Test
    void developmentModeLogsABannerAtStart() {
        assertThat(bannerAfterStarting(Map.of())).isTrue();
    }

    @Test
    void productionModeDoesNot() {
        assertThat(bannerAfterStarting(Map.of("USERSVC_PUBLIC_URL", "https://id.example.com",
                "USERSVC_SMTP_HOST", "127.0.0.1", "USERSVC_SMTP_STARTTLS", "required",
                "USERSVC_KEY_ENCRYPTION_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32])))).isFalse();
    }
}
