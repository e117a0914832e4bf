package io.userservice.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailSettingsTest {

    private static final String FROM = "no-reply@example.com";

    @Test
    void defaultsSuitALocalRelay() {
        MailSettings settings = MailSettings.of("http://localhost:8080", FROM);

        assertThat(settings.productName()).isEqualTo("User Service");
        assertThat(settings.smtpHost()).isEqualTo("localhost");
        assertThat(settings.smtpPort()).isEqualTo(25);
        assertThat(settings.smtpUser()).isNull();
        assertThat(settings.smtpPassword()).isNull();
        assertThat(settings.startTls()).isEqualTo(MailSettings.StartTls.IF_AVAILABLE);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void thePublicUrlLosesItsTrailingSlashes() {
        assertThat(MailSettings.of("http://localhost:8080/", FROM).publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(MailSettings.of(" https://example.com/auth// ", FROM).publicUrl())
                .isEqualTo("https://example.com/auth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost:8080", "id.example.com", "ftp://example.com", "javascript:alert(1)",
            "https://example.com/?next=x", "https://example.com/#top", "https://user:pw@example.com",
            "https://example.com/a\nb"})
    void aPublicUrlMustBeAPlainWebAddress(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> MailSettings.of(url, FROM))
                .withMessageContaining("publicUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not an address", "a@example.com, b@example.com", "a@example.com\r\nBcc: b@example.com"})
    void theSenderMustBeOneAddress(String from) {
        assertThatIllegalArgumentException().isThrownBy(() -> MailSettings.of("http://localhost", from))
                .withMessageContaining("from");
    }

    @Test
    void theSenderMayHaveADisplayName() {
        MailSettings settings = MailSettings.of("http://localhost", "Acme <no-reply@acme.example>");

        assertThat(settings.fromAddress().getPersonal()).isEqualTo("Acme");
        assertThat(settings.fromAddress().getAddress()).isEqualTo("no-reply@acme.example");
    }

    @Test
    void theProductNameIsOneLine() {
        MailSettings settings = MailSettings.of("http://localhost", FROM);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.withProductName("Acme\r\nBcc: x@example.com"));
        assertThat(settings.withProductName("  ").productName()).isEqualTo("User Service");
    }

    @Test
    void aLoginNeedsAPassword() {
        MailSettings settings = MailSettings.of("http://localhost", FROM);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.withCredentials("mailer", null))
                .withMessageContaining("smtpPassword");
        assertThat(settings.withCredentials(null, "ignored").smtpPassword()).isNull();
    }

    @Test
    void timeoutsArePositive() {
        MailSettings settings = MailSettings.of("http://localhost", FROM);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.withTimeouts(Duration.ZERO, null));
        assertThatIllegalArgumentException().isThrownBy(() -> settings.withTimeouts(null, Duration.ofSeconds(-1)));
    }

    @Test
    void theTextFormLeavesThePasswordOut() {
        MailSettings settings = MailSettings.of("http://localhost", FROM).withCredentials("mailer", "s3cret-Passw0rd");

        assertThat(settings.toString()).contains("mailer").doesNotContain("s3cret-Passw0rd");
    }
}
