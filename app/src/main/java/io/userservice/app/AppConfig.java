package io.userservice.app;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.crypto.KeyEncryption;
import io.userservice.core.domain.PasswordPolicy;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.OutboxSettings;
import io.userservice.core.settings.WebhookSettings;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.service.UserServiceCore;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.mail.MailSettings;
import io.userservice.mail.MailTemplates;
import io.userservice.rest.Branding;
import io.userservice.rest.CorsOrigins;
import io.userservice.rest.PageTexts;
import io.userservice.rest.UserServiceRestFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The server's configuration, read from {@code USERSVC_…} environment variables, optionally
 * backed by a properties file named by {@code USERSVC_CONFIG_FILE} (the environment wins).
 * Every setting and its default is listed in the README. Each setting is parsed once, here, into
 * the typed settings of the part that uses it (the core's {@link CoreSettings} and
 * {@link OutboxSettings}, the mail's {@link MailSettings} and {@link MailTemplates}, the
 * database's {@link JdbcSettings}, the limits' {@link PerformanceConfig}); the defaults are those
 * records' own. A bad value stops the start with one line naming the setting.
 */
public record AppConfig(String host, int port, String publicUrl, String issuer, String audience,
                        JdbcSettings database,
                        String smtpHost, MailSettings mailSettings,
                        CoreSettings coreSettings, int bcryptCost,
                        long maxBodyBytes, String bootstrapAdminEmail, String bootstrapAdminPassword,
                        KeyEncryption keyEncryption,
                        String mailTemplates, MailTemplates templates, OutboxSettings outboxSettings,
                        ThrottleSettings throttling, TrustedProxies proxies,
                        List<String> corsOrigins, CorsOrigins cors, PerformanceConfig performance,
                        Mode mode, String directory, Map<String, String> settings, Branding branding,
                        PageTexts pageTexts, boolean webhookAllowPrivate) {

    /**
     * Production refuses to start with settings that would leak secrets or accept insecure
     * traffic; development allows them and says so at start.
     */
    public enum Mode { PRODUCTION, DEVELOPMENT }

    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/user-service";

    /** Reads the process environment (and the optional properties file). */
    public static AppConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static AppConfig from(Map<String, String> environment) {
        return parse(settings(environment));
    }

    /** The {@code USERSVC_…} values of the environment over those of the optional properties file. */
    static Settings settings(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        String file = environment.get("USERSVC_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            merged.putAll(readProperties(Path.of(file.strip())));
        }
        environment.forEach((k, v) -> {
            if (k.startsWith("USERSVC_")) {
                merged.put(k, v);
            }
        });
        return new Settings(merged);
    }

    /** The configuration these settings describe; the first bad setting is a {@link ConfigException}. */
    static AppConfig parse(Settings s) {
        s.optional("USERSVC_CONFIG_FILE");
        int port = s.integer("USERSVC_PORT", 8080, 0, 65535);
        String publicUrl = s.text("USERSVC_PUBLIC_URL", "http://localhost:" + (port == 0 ? 8080 : port));
        checkUrl("USERSVC_PUBLIC_URL", publicUrl);
        String adminPassword = s.optional("USERSVC_BOOTSTRAP_ADMIN_PASSWORD");
        String adminEmail = s.optional("USERSVC_BOOTSTRAP_ADMIN_EMAIL");
        if ((adminEmail == null) != (adminPassword == null)) {
            throw new ConfigException("USERSVC_BOOTSTRAP_ADMIN_EMAIL and USERSVC_BOOTSTRAP_ADMIN_PASSWORD must be set together");
        }
        String smtpHost = s.optional("USERSVC_SMTP_HOST");
        MailSettings mail = mailSettings(s, stripTrailingSlash(publicUrl), smtpHost);
        String templatesDirectory = s.optional("USERSVC_MAIL_TEMPLATES");
        List<String> corsOrigins = list(s.text("USERSVC_CORS_ORIGINS", ""));
        AppConfig config = new AppConfig(
                s.text("USERSVC_HOST", "0.0.0.0"),
                port,
                stripTrailingSlash(publicUrl),
                s.text("USERSVC_ISSUER", stripTrailingSlash(publicUrl)),
                s.text("USERSVC_AUDIENCE", "user-service"),
                database(s),
                smtpHost,
                mail,
                coreSettings(s),
                s.integer("USERSVC_BCRYPT_COST", UserServiceCore.DEFAULT_BCRYPT_COST, BcryptPasswordHasher.MIN_COST, 16),
                s.integer("USERSVC_MAX_BODY_BYTES", (int) UserServiceRestFeature.DEFAULT_MAX_BODY_BYTES, 1024,
                        16 * 1024 * 1024),
                adminEmail,
                adminPassword,
                keyEncryption(s.optional("USERSVC_KEY_ENCRYPTION_KEY")),
                templatesDirectory,
                mailTemplates(templatesDirectory),
                outboxSettings(s, mail),
                throttling(s),
                TrustedProxies.parse(s.text("USERSVC_TRUSTED_PROXIES", "")),
                corsOrigins,
                cors(corsOrigins),
                PerformanceConfig.from(s),
                mode(s.optional("USERSVC_MODE"), publicUrl),
                s.text("USERSVC_DIRECTORY", Directories.BUILT_IN).toLowerCase(Locale.ROOT),
                s.all(),
                branding(s, mail.productName()),
                pageTexts(templatesDirectory),
                s.bool("USERSVC_WEBHOOK_ALLOW_PRIVATE", false));
        config.refuseInsecureProduction();
        return config;
    }

    /** The core's rules; each default is {@link CoreSettings#defaults()}'s. */
    private static CoreSettings coreSettings(Settings s) {
        CoreSettings d = CoreSettings.defaults();
        return new CoreSettings(
                s.bool("USERSVC_REQUIRE_CONFIRMATION", d.requireConfirmation()),
                s.duration("USERSVC_ACCESS_TOKEN_TTL", d.accessTokenTtl(), false),
                s.duration("USERSVC_REFRESH_TOKEN_TTL", d.refreshTokenTtl(), false),
                s.duration("USERSVC_REFRESH_REUSE_GRACE", d.refreshReuseGrace(), true),
                d.confirmationCodeTtl(), d.resetCodeTtl(),
                new PasswordPolicy(s.integer("USERSVC_PASSWORD_MIN_LENGTH", d.passwordPolicy().minLength(), 1, 64),
                        d.passwordPolicy().maxLength()),
                s.duration("USERSVC_PORTAL_SESSION_TTL", d.portalSessionTtl(), false),
                s.duration("USERSVC_SESSION_MAX_LIFETIME", d.sessionMaxLifetime(), false),
                s.duration("USERSVC_PORTAL_TOKEN_MAX_LIFETIME", d.portalTokenMaxLifetime(), false));
    }

    /** Where the database is; an embedded H2 file unless told otherwise. */
    private static JdbcSettings database(Settings s) {
        return new JdbcSettings(s.text("USERSVC_DB_URL", DEFAULT_DB_URL), s.text("USERSVC_DB_USER", "sa"),
                s.text("USERSVC_DB_PASSWORD", ""), s.integer("USERSVC_DB_POOL_SIZE", 10, 1, 200));
    }

    /** The mail settings; with no SMTP host, mail goes to the log. */
    private static MailSettings mailSettings(Settings s, String publicUrl, String smtpHost) {
        int smtpPort = s.integer("USERSVC_SMTP_PORT", 587, 1, 65535);
        String smtpUser = s.optional("USERSVC_SMTP_USER");
        String smtpPassword = s.optional("USERSVC_SMTP_PASSWORD");
        MailSettings.StartTls startTls = startTls(s.text("USERSVC_SMTP_STARTTLS", "if-available"));
        Duration timeout = smtpTimeout(s);
        String from = s.text("USERSVC_MAIL_FROM", "User Service <no-reply@localhost.localdomain>");
        String productName = s.text("USERSVC_PRODUCT_NAME", MailSettings.DEFAULT_PRODUCT_NAME);
        try {
            MailSettings mail = MailSettings.of(publicUrl, from).withProductName(productName)
                    .withStartTls(startTls).withTimeouts(timeout, timeout);
            if (smtpHost != null) {
                mail = mail.withSmtpServer(smtpHost, smtpPort);
                if (smtpUser != null) {
                    mail = mail.withCredentials(smtpUser, smtpPassword);
                }
            }
            return mail;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mail settings (USERSVC_MAIL_FROM, USERSVC_PRODUCT_NAME, USERSVC_SMTP_…): "
                    + e.getMessage());
        }
    }

    /**
     * How the mail outbox is worked off. A claim covers one SMTP delivery that runs into both
     * timeouts, connecting and waiting for an answer, with a small margin (at most a minute).
     */
    private static OutboxSettings outboxSettings(Settings s, MailSettings mail) {
        OutboxSettings d = OutboxSettings.defaults();
        return d.withPollInterval(s.duration("USERSVC_MAIL_POLL_INTERVAL", d.pollInterval(), false))
                .withMaxAttempts(s.integer("USERSVC_MAIL_MAX_ATTEMPTS", d.maxAttempts(), 1, 10_000))
                .withRecipientLimit(s.integer("USERSVC_MAIL_LIMIT_PER_HOUR", d.recipientLimit(), 1, 10_000))
                .withClaimCovering(mail.connectTimeout().plus(mail.readTimeout()));
    }

    /** How the hosted pages look; each bad value names its setting. */
    private static Branding branding(Settings s, String productName) {
        String logo = s.optional("USERSVC_BRAND_LOGO_URL");
        String color = s.optional("USERSVC_BRAND_PRIMARY_COLOR");
        String cssFile = s.optional("USERSVC_BRAND_CSS");
        String css = null;
        if (cssFile != null) {
            try {
                css = Files.readString(Path.of(cssFile), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
                throw new ConfigException("USERSVC_BRAND_CSS cannot be read as UTF-8 text: " + cssFile);
            }
        }
        try {
            return new Branding(productName, logo, color, css);
        } catch (IllegalArgumentException e) {
            String setting = e.getMessage().startsWith("logo") ? "USERSVC_BRAND_LOGO_URL"
                    : e.getMessage().startsWith("primary") ? "USERSVC_BRAND_PRIMARY_COLOR"
                    : e.getMessage().startsWith("CSS") ? "USERSVC_BRAND_CSS" : "USERSVC_PRODUCT_NAME";
            throw new ConfigException(setting + ": " + e.getMessage());
        }
    }

    /** The pages' words: built in, with the page texts of the templates directory over them when one is named. */
    private static PageTexts pageTexts(String directory) {
        if (directory == null) {
            return PageTexts.builtIn();
        }
        try {
            return PageTexts.withOverrides(Path.of(directory.strip()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("USERSVC_MAIL_TEMPLATES: " + e.getMessage());
        }
    }

    /** Production by default when the public URL is https, else development. */
    private static Mode mode(String value, String publicUrl) {
        if (value == null) {
            return publicUrl.startsWith("https:") ? Mode.PRODUCTION : Mode.DEVELOPMENT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "production" -> Mode.PRODUCTION;
            case "development" -> Mode.DEVELOPMENT;
            default -> throw new ConfigException("USERSVC_MODE must be production or development, not '" + value + "'");
        };
    }

    /** In production, each setting that would leak secrets or accept insecure traffic stops the start. */
    private void refuseInsecureProduction() {
        if (mode != Mode.PRODUCTION) {
            return;
        }
        if (!publicUrl.startsWith("https:")) {
            throw new ConfigException("USERSVC_PUBLIC_URL must be an https URL in production (USERSVC_MODE)");
        }
        if (smtpHost == null) {
            throw new ConfigException("USERSVC_SMTP_HOST must be set in production (USERSVC_MODE): without it mails,"
                    + " with their codes, are written to the log");
        }
        if (mailSettings.startTls() != MailSettings.StartTls.REQUIRED) {
            throw new ConfigException("USERSVC_SMTP_STARTTLS must be required in production (USERSVC_MODE)");
        }
        if (!keyEncryption.enabled()) {
            throw new ConfigException("USERSVC_KEY_ENCRYPTION_KEY must be set in production (USERSVC_MODE)");
        }
    }

    private static Duration smtpTimeout(Settings s) {
        Duration timeout = s.duration("USERSVC_SMTP_TIMEOUT", MailSettings.DEFAULT_TIMEOUT, false);
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("USERSVC_SMTP_TIMEOUT must be between PT1S and PT1H, not " + timeout);
        }
        return timeout;
    }

    private static ThrottleSettings throttling(Settings s) {
        ThrottleSettings d = ThrottleSettings.defaults();
        return new ThrottleSettings(
                limit(s, "USERSVC_THROTTLE_SIGNIN_ACCOUNT", d.failedSignInsPerAccount()),
                limit(s, "USERSVC_THROTTLE_SIGNIN_ADDRESS", d.failedSignInsPerAddress()),
                limit(s, "USERSVC_THROTTLE_CODES_ADDRESS", d.codeAttemptsPerAddress()),
                limit(s, "USERSVC_THROTTLE_RESET_ACCOUNT", d.resetRequestsPerAccount()),
                limit(s, "USERSVC_THROTTLE_RESET_ADDRESS", d.resetRequestsPerAddress()),
                limit(s, "USERSVC_THROTTLE_REGISTER_ADDRESS", d.registrationsPerAddress()),
                limit(s, "USERSVC_THROTTLE_EXISTS_ADDRESS", d.existsChecksPerAddress()),
                s.integer("USERSVC_THROTTLE_IPV6_PREFIX", ThrottleSettings.DEFAULT_IPV6_PREFIX_LENGTH, 32, 128));
    }

    private static ThrottleSettings.Limit limit(Settings s, String name, ThrottleSettings.Limit fallback) {
        String value = s.optional(name);
        if (value == null) {
            return fallback;
        }
        try {
            return ThrottleSettings.Limit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be count/duration such as 10/PT15M (1 second to 1 day), not '"
                    + value + "'");
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** The origins browsers may call the API from; none by default. */
    private static CorsOrigins cors(List<String> origins) {
        try {
            return CorsOrigins.of(origins);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("USERSVC_CORS_ORIGINS: " + e.getMessage());
        }
    }

    /** The built-in mail templates, with the files of {@code USERSVC_MAIL_TEMPLATES} over them when set. */
    private static MailTemplates mailTemplates(String directory) {
        if (directory == null) {
            return MailTemplates.builtIn();
        }
        try {
            return MailTemplates.withOverrides(Path.of(directory.strip()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("USERSVC_MAIL_TEMPLATES: " + e.getMessage());
        }
    }

    /** The database URL as configured. */
    public String dbUrl() {
        return database.url();
    }

    public String dbUser() {
        return database.user();
    }

    public String dbPassword() {
        return database.password();
    }

    public int dbPoolSize() {
        return database.maxPoolSize();
    }

    public boolean requireConfirmation() {
        return coreSettings.requireConfirmation();
    }

    public Duration accessTokenTtl() {
        return coreSettings.accessTokenTtl();
    }

    public Duration refreshTokenTtl() {
        return coreSettings.refreshTokenTtl();
    }

    public Duration refreshReuseGrace() {
        return coreSettings.refreshReuseGrace();
    }

    /** How webhooks are delivered: internal receivers only with {@code USERSVC_WEBHOOK_ALLOW_PRIVATE}. */
    public WebhookSettings webhookSettings() {
        return WebhookSettings.defaults().withAllowInternal(webhookAllowPrivate);
    }

    /** The mail templates, read once at start: the built-in ones with the configured directory's over them. */
    public MailTemplates mailTemplatesOrDefault() {
        return templates;
    }

    /** The same configuration listening on another port (0 picks a free one). */
    public AppConfig withPort(int newPort) {
        return new AppConfig(host, newPort, publicUrl, issuer, audience, database, smtpHost, mailSettings,
                coreSettings, bcryptCost, maxBodyBytes, bootstrapAdminEmail, bootstrapAdminPassword,
                keyEncryption, mailTemplates, templates, outboxSettings,
                throttling, proxies, corsOrigins, cors, performance, mode, directory,
                settings, branding, pageTexts, webhookAllowPrivate);
    }

    /** AES-256-GCM under the Base64 of 32 bytes; unset keeps private keys unencrypted. */
    private static KeyEncryption keyEncryption(String base64) {
        if (base64 == null) {
            return KeyEncryption.none().named("USERSVC_KEY_ENCRYPTION_KEY");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new ConfigException("USERSVC_KEY_ENCRYPTION_KEY must be the Base64 of 32 random bytes"
                    + " (e.g. from `openssl rand -base64 32`)");
        }
        return KeyEncryption.aesGcm(key).named("USERSVC_KEY_ENCRYPTION_KEY");
    }

    private static MailSettings.StartTls startTls(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none", "off", "false" -> MailSettings.StartTls.NONE;
            case "if-available" -> MailSettings.StartTls.IF_AVAILABLE;
            case "required" -> MailSettings.StartTls.REQUIRED;
            default -> throw new ConfigException(
                    "USERSVC_SMTP_STARTTLS must be none, if-available or required, not '" + value + "'");
        };
    }

    private static void checkUrl(String name, String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new ConfigException(name + " must be an http or https URL such as https://id.example.com, not '"
                        + value + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(name + " is not a valid URL: '" + value + "'");
        }
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigException("USERSVC_CONFIG_FILE cannot be read: " + file + " (" + e.getMessage() + ")");
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    @Override
    public String toString() {
        return "AppConfig[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + ", db=" + dbUrl()
                + ", smtp=" + (smtpHost == null ? "log" : smtpHost + ":" + mailSettings.smtpPort()) + "]";
    }

}
