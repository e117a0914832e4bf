package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    @Test
    void defaultsAreTheEmbeddedSetup() {
        AppConfig config = AppConfig.from(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dbUrl()).isEqualTo("jdbc:h2:file:./data/user-service");
        assertThat(config.publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.issuer()).isEqualTo("http://localhost:8080");
        assertThat(config.smtpHost()).isNull();
        assertThat(config.requireConfirmation()).isTrue();
        assertThat(config.bcryptCost()).isEqualTo(10);
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.refreshReuseGrace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsEverySetting() {
        AppConfig config = AppConfig.from(Map.of("USERSVC_PORT", "9090", "USERSVC_PUBLIC_URL", "https://id.example.com/", "USERSVC_MODE", "development",
                "USERSVC_REFRESH_REUSE_GRACE", "PT0S", "USERSVC_ACCESS_TOKEN_TTL", "PT5M",
                "USERSVC_REQUIRE_CONFIRMATION", "false", "USERSVC_BCRYPT_COST", "12", "USERSVC_AUDIENCE", "shop"));

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.publicUrl()).isEqualTo("https://id.example.com");
        assertThat(config.refreshReuseGrace()).isZero();
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.requireConfirmation()).isFalse();
        assertThat(config.bcryptCost()).isEqualTo(12);
        assertThat(config.audience()).isEqualTo("shop");
    }

    @Test
    void aBadSettingIsNamedInOneLine() {
        assertBad(Map.of("USERSVC_PORT", "eighty"), "USERSVC_PORT");
        assertBad(Map.of("USERSVC_PORT", "70000"), "USERSVC_PORT");
        assertBad(Map.of("USERSVC_ACCESS_TOKEN_TTL", "15 minutes"), "USERSVC_ACCESS_TOKEN_TTL");
        assertBad(Map.of("USERSVC_ACCESS_TOKEN_TTL", "PT0S"), "USERSVC_ACCESS_TOKEN_TTL");
        assertBad(Map.of("USERSVC_REFRESH_REUSE_GRACE", "-PT1S"), "USERSVC_REFRESH_REUSE_GRACE");
        assertBad(Map.of("USERSVC_REQUIRE_CONFIRMATION", "maybe"), "USERSVC_REQUIRE_CONFIRMATION");
        assertBad(Map.of("USERSVC_BCRYPT_COST", "3"), "USERSVC_BCRYPT_COST");
        assertBad(Map.of("USERSVC_PUBLIC_URL", "ftp://x"), "USERSVC_PUBLIC_URL");
        assertBad(Map.of("USERSVC_SMTP_STARTTLS", "sometimes"), "USERSVC_SMTP_STARTTLS");
        assertBad(Map.of("USERSVC_BOOTSTRAP_ADMIN_EMAIL", "a@example.com"), "USERSVC_BOOTSTRAP_ADMIN_PASSWORD");
        assertBad(Map.of("USERSVC_MAIL_FROM", "not an address"), "USERSVC_MAIL_FROM");
        assertBad(Map.of("USERSVC_MAIL_POLL_INTERVAL", "PT0S"), "USERSVC_MAIL_POLL_INTERVAL");
        assertBad(Map.of("USERSVC_MAIL_MAX_ATTEMPTS", "0"), "USERSVC_MAIL_MAX_ATTEMPTS");
        assertBad(Map.of("USERSVC_MAIL_LIMIT_PER_HOUR", "none"), "USERSVC_MAIL_LIMIT_PER_HOUR");
        assertBad(Map.of("USERSVC_MAIL_TEMPLATES", "/no/such/directory"), "USERSVC_MAIL_TEMPLATES");
        assertBad(Map.of("USERSVC_THROTTLE_SIGNIN_ACCOUNT", "ten"), "USERSVC_THROTTLE_SIGNIN_ACCOUNT");
        assertBad(Map.of("USERSVC_THROTTLE_EXISTS_ADDRESS", "0/PT1M"), "USERSVC_THROTTLE_EXISTS_ADDRESS");
        assertBad(Map.of("USERSVC_THROTTLE_RESET_ACCOUNT", "5/P30D"), "USERSVC_THROTTLE_RESET_ACCOUNT");
        assertBad(Map.of("USERSVC_TRUSTED_PROXIES", "proxy.example.com"), "USERSVC_TRUSTED_PROXIES");
        assertBad(Map.of("USERSVC_TRUSTED_PROXIES", "10.0.0.0/33"), "USERSVC_TRUSTED_PROXIES");
        assertBad(Map.of("USERSVC_CORS_ORIGINS", "*"), "USERSVC_CORS_ORIGINS");
        assertBad(Map.of("USERSVC_CORS_ORIGINS", "https://app.example.com/path"), "USERSVC_CORS_ORIGINS");
    }

    @Test
    void theOutboxHasDefaultsAndReadsItsSettings(@TempDir Path templates) throws Exception {
        Files.writeString(templates.resolve("confirm-email.en.subject"), "Welcome to {product}");
        AppConfig defaults = AppConfig.from(Map.of());
        AppConfig config = AppConfig.from(Map.of("USERSVC_MAIL_POLL_INTERVAL", "PT5S", "USERSVC_MAIL_MAX_ATTEMPTS", "7",
                "USERSVC_MAIL_LIMIT_PER_HOUR", "3", "USERSVC_MAIL_TEMPLATES", templates.toString()));

        assertThat(defaults.outboxSettings().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.outboxSettings().maxAttempts()).isEqualTo(100);
        assertThat(defaults.outboxSettings().recipientLimit()).isEqualTo(10);
        assertThat(defaults.mailTemplates()).isNull();
        assertThat(config.outboxSettings().pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.outboxSettings().maxAttempts()).isEqualTo(7);
        assertThat(config.outboxSettings().recipientLimit()).isEqualTo(3);
        assertThat(config.outboxSettings().recipientWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.mailTemplates()).isEqualTo(templates.toString());
    }

    @Test
    void aClaimOnOutboxMailCoversTheSmtpTimeoutsWithAMarginAndAtMostAMinute() {
        AppConfig defaults = AppConfig.from(Map.of());
        AppConfig quick = AppConfig.from(Map.of("USERSVC_SMTP_TIMEOUT", "PT2S"));
        AppConfig patient = AppConfig.from(Map.of("USERSVC_SMTP_TIMEOUT", "PT45S"));

        assertThat(defaults.mailSettings().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.mailSettings().readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.outboxSettings().claimDuration()).isEqualTo(Duration.ofSeconds(25));
        assertThat(quick.mailSettings().readTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(quick.outboxSettings().claimDuration()).isEqualTo(Duration.ofSeconds(9));
        assertThat(patient.outboxSettings().claimDuration()).isEqualTo(Duration.ofMinutes(1));
        assertBad(Map.of("USERSVC_SMTP_TIMEOUT", "PT0.5S"), "USERSVC_SMTP_TIMEOUT");
        assertBad(Map.of("USERSVC_SMTP_TIMEOUT", "ten seconds"), "USERSVC_SMTP_TIMEOUT");
    }

    @Test
    void throttlingTrustedProxiesAndCorsHaveSafeDefaultsAndCanBeSet() {
        AppConfig defaults = AppConfig.from(Map.of());
        assertThat(defaults.throttling()).isEqualTo(io.userservice.core.settings.ThrottleSettings.defaults());
        assertThat(defaults.proxies().isEmpty()).isTrue();
        assertThat(defaults.cors().isEmpty()).isTrue();

        AppConfig set = AppConfig.from(Map.of("USERSVC_THROTTLE_SIGNIN_ACCOUNT", "5/PT30M",
                "USERSVC_TRUSTED_PROXIES", "10.0.0.0/8, ::1", "USERSVC_CORS_ORIGINS",
                "https://app.example.com, http://localhost:3000"));
        assertThat(set.throttling().failedSignInsPerAccount().max()).isEqualTo(5);
        assertThat(set.throttling().failedSignInsPerAccount().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(set.proxies().isEmpty()).isFalse();
        assertThat(set.corsOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
    }

    @Test
    void aPropertiesFileBacksTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("user-service.properties");
        Files.writeString(file, "USERSVC_PORT=7070\nUSERSVC_AUDIENCE=from-file\n");

        AppConfig config = AppConfig.from(Map.of("USERSVC_CONFIG_FILE", file.toString(), "USERSVC_AUDIENCE", "from-env"));

        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.audience()).isEqualTo("from-env");
        assertBad(Map.of("USERSVC_CONFIG_FILE", dir.resolve("missing").toString()), "USERSVC_CONFIG_FILE");
    }

    @Test
    void aShortBootstrapPasswordStopsTheStart() {
        AppConfig config = AppConfig.from(Map.of("USERSVC_PORT", "0", "USERSVC_DB_URL",
                "jdbc:h2:mem:cfg-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "USERSVC_BCRYPT_COST", "4",
                "USERSVC_BOOTSTRAP_ADMIN_EMAIL", "root@example.com", "USERSVC_BOOTSTRAP_ADMIN_PASSWORD", "short"));

        assertThatThrownBy(() -> UserServiceServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("USERSVC_BOOTSTRAP_ADMIN_PASSWORD");
    }

    @Test
    void productionRefusesEachInsecureSettingWithOneLineNamingIt() {
        String kek = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, String> secure = Map.of("USERSVC_PUBLIC_URL", "https://id.example.com",
                "USERSVC_SMTP_HOST", "smtp.example.com", "USERSVC_SMTP_STARTTLS", "required",
                "USERSVC_KEY_ENCRYPTION_KEY", kek);

        assertThat(AppConfig.from(secure).mode()).isEqualTo(AppConfig.Mode.PRODUCTION);
        assertBad(without(secure, "USERSVC_SMTP_HOST"), "USERSVC_SMTP_HOST");
        assertBad(without(secure, "USERSVC_KEY_ENCRYPTION_KEY"), "USERSVC_KEY_ENCRYPTION_KEY");
        assertBad(with(secure, "USERSVC_SMTP_STARTTLS", "if-available"), "USERSVC_SMTP_STARTTLS");
        assertBad(with(with(secure, "USERSVC_PUBLIC_URL", "http://id.example.com"), "USERSVC_MODE", "production"),
                "USERSVC_PUBLIC_URL");
        assertBad(with(secure, "USERSVC_MODE", "staging"), "USERSVC_MODE");
    }

    @Test
    void developmentIsTheDefaultForAPlainHttpPublicUrlAndMayBeChosenExplicitly() {
        assertThat(AppConfig.from(Map.of()).mode()).isEqualTo(AppConfig.Mode.DEVELOPMENT);
        assertThat(AppConfig.from(Map.of("USERSVC_PUBLIC_URL", "https://id.example.com", "USERSVC_MODE",
                "Development")).mode()).isEqualTo(AppConfig.Mode.DEVELOPMENT);
    }

    @Test
    void sessionAndPortalTokenLifetimesAndTheIpv6PrefixReachTheCore() {
        AppConfig config = AppConfig.from(Map.of("USERSVC_SESSION_MAX_LIFETIME", "P7D",
                "USERSVC_PORTAL_TOKEN_MAX_LIFETIME", "PT20M", "USERSVC_THROTTLE_IPV6_PREFIX", "56"));

        assertThat(config.coreSettings().sessionMaxLifetime()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(config.coreSettings().portalTokenMaxLifetime()).isEqualTo(java.time.Duration.ofMinutes(20));
        assertThat(config.throttling().ipv6PrefixLength()).isEqualTo(56);
        assertBad(Map.of("USERSVC_THROTTLE_IPV6_PREFIX", "16"), "USERSVC_THROTTLE_IPV6_PREFIX");
        assertBad(Map.of("USERSVC_SESSION_MAX_LIFETIME", "forever"), "USERSVC_SESSION_MAX_LIFETIME");
    }

    private static Map<String, String> without(Map<String, String> env, String name) {
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.remove(name);
        return copy;
    }

    @Test
    void theBrandSettingsReachThePagesAndABadOneIsNamedInOneLine(@TempDir Path dir) throws Exception {
        Path css = Files.writeString(dir.resolve("theme.css"), ".card { border-radius: 0; }");
        AppConfig config = AppConfig.from(Map.of("USERSVC_PRODUCT_NAME", "Acme Shop",
                "USERSVC_BRAND_LOGO_URL", "https://cdn.acme.example/logo.svg", "USERSVC_BRAND_PRIMARY_COLOR", "#0A7D3B",
                "USERSVC_BRAND_CSS", css.toString()));

        assertThat(config.branding().productName()).isEqualTo("Acme Shop");
        assertThat(config.branding().logoUrl()).isEqualTo("https://cdn.acme.example/logo.svg");
        assertThat(config.branding().primaryColor()).isEqualTo("#0a7d3b");
        assertThat(config.branding().extraCss()).isEqualTo(".card { border-radius: 0; }");
        assertThat(AppConfig.from(Map.of()).branding()).isEqualTo(io.userservice.rest.Branding.defaults());

        assertBad(Map.of("USERSVC_BRAND_LOGO_URL", "http://cdn.acme.example/logo.svg"), "USERSVC_BRAND_LOGO_URL");
        assertBad(Map.of("USERSVC_BRAND_LOGO_URL", "javascript:alert(1)"), "USERSVC_BRAND_LOGO_URL");
        assertBad(Map.of("USERSVC_BRAND_PRIMARY_COLOR", "blue"), "USERSVC_BRAND_PRIMARY_COLOR");
        assertBad(Map.of("USERSVC_BRAND_PRIMARY_COLOR", "#0a7d3b;}"), "USERSVC_BRAND_PRIMARY_COLOR");
        assertBad(Map.of("USERSVC_BRAND_CSS", dir.resolve("missing.css").toString()), "USERSVC_BRAND_CSS");
        assertBad(Map.of("USERSVC_BRAND_CSS", dir.toString()), "USERSVC_BRAND_CSS");
        Files.write(dir.resolve("binary.css"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0});
        assertBad(Map.of("USERSVC_BRAND_CSS", dir.resolve("binary.css").toString()), "USERSVC_BRAND_CSS");
        assertBad(Map.of("USERSVC_PRODUCT_NAME", "x".repeat(101)), "USERSVC_PRODUCT_NAME");
    }

    @Test
    void pageTextsComeFromTheMailTemplatesDirectoryAndABadFileIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("confirm-email.en.subject"), "Welcome to {product}");
        Files.writeString(dir.resolve("messages_en.properties"), "portal.signin.button=Log in\n");
        AppConfig.from(Map.of("USERSVC_MAIL_TEMPLATES", dir.toString()));

        Files.writeString(dir.resolve("messages_de.properties"), "portal.signin.buton=Anmelden\n");
        assertBad(Map.of("USERSVC_MAIL_TEMPLATES", dir.toString()), "USERSVC_MAIL_TEMPLATES");
        assertThatThrownBy(() -> AppConfig.from(Map.of("USERSVC_MAIL_TEMPLATES", dir.toString())))
                .hasMessage("USERSVC_MAIL_TEMPLATES: messages_de.properties has the unknown key portal.signin.buton");
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    private static void assertBad(Map<String, String> env, String name) {
        assertThatThrownBy(() -> AppConfig.from(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(name)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
