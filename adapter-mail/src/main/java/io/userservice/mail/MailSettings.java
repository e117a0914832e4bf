package io.userservice.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * How mails are sent and what they link to. Build with {@link #of(String, String)} and the
 * {@code with…} methods; absent optional values take their defaults.
 *
 * @param publicUrl      the address users reach the service at, such as {@code https://id.example.com}
 *                       or {@code https://example.com/auth}; every link in a mail starts with it.
 *                       Kept without a trailing slash.
 * @param productName    the name the mails speak of and sign with; {@value #DEFAULT_PRODUCT_NAME} by default
 * @param from           the sender, as {@code no-reply@example.com} or {@code Example <no-reply@example.com>};
 *                       without a display name, the product name is shown
 * @param smtpHost       the SMTP server; {@code localhost} by default
 * @param smtpPort       the SMTP port; 25 by default
 * @param smtpUser       the SMTP login, or {@code null} to send without authentication
 * @param smtpPassword   the SMTP password, required with a login and ignored without one
 * @param startTls       when to switch the connection to TLS; {@link StartTls#IF_AVAILABLE} by default
 * @param connectTimeout how long to wait for the SMTP server to accept a connection; 10 s by default
 * @param readTimeout    how long to wait for each answer of the SMTP server, and for each write;
 *                       10 s by default
 */
public record MailSettings(String publicUrl, String productName, String from, String smtpHost, int smtpPort,
                           String smtpUser, String smtpPassword, StartTls startTls, Duration connectTimeout,
                           Duration readTimeout) {

    public static final String DEFAULT_PRODUCT_NAME = "User Service";
    /** The connect and the read timeout unless others are given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_PRODUCT_NAME_LENGTH = 100;

    /** When the SMTP connection is switched to TLS with the STARTTLS command. */
    public enum StartTls {
        /** Never: the connection stays in clear text. Only for a relay on a trusted network. */
        NONE,
        /** Whenever the server offers it; otherwise in clear text. */
        IF_AVAILABLE,
        /** Always: a server that does not offer STARTTLS gets no mail. */
        REQUIRED
    }

    public MailSettings {
        publicUrl = normalizedPublicUrl(publicUrl);
        productName = productName == null || productName.isBlank() ? DEFAULT_PRODUCT_NAME : productName.strip();
        if (productName.length() > MAX_PRODUCT_NAME_LENGTH || hasControlCharacter(productName)) {
            throw new IllegalArgumentException("productName must be a single line of at most "
                    + MAX_PRODUCT_NAME_LENGTH + " characters");
        }
        from = Objects.requireNonNull(from, "from is required").strip();
        parseAddress(from);
        smtpHost = smtpHost == null || smtpHost.isBlank() ? "localhost" : smtpHost.strip();
        if (hasControlCharacter(smtpHost) || smtpHost.contains(" ")) {
            throw new IllegalArgumentException("smtpHost must be a host name or address");
        }
        if (smtpPort < 1 || smtpPort > 65_535) {
            throw new IllegalArgumentException("smtpPort must be between 1 and 65535");
        }
        smtpUser = smtpUser == null || smtpUser.isBlank() ? null : smtpUser;
        if (smtpUser == null) {
            smtpPassword = null;
        } else if (smtpPassword == null) {
            throw new IllegalArgumentException("smtpPassword is required when smtpUser is set");
        }
        startTls = startTls == null ? StartTls.IF_AVAILABLE : startTls;
        connectTimeout = checkedTimeout(connectTimeout, "connectTimeout");
        readTimeout = checkedTimeout(readTimeout, "readTimeout");
    }

    /**
     * Settings with every default: the product name {@value #DEFAULT_PRODUCT_NAME}, an SMTP server
     * on {@code localhost:25} without authentication, STARTTLS when offered, 10 s timeouts.
     */
    public static MailSettings of(String publicUrl, String from) {
        return new MailSettings(publicUrl, null, from, null, 25, null, null, null, null, null);
    }

    public MailSettings withProductName(String value) {
        return new MailSettings(publicUrl, value, from, smtpHost, smtpPort, smtpUser, smtpPassword, startTls,
                connectTimeout, readTimeout);
    }

    public MailSettings withSmtpServer(String host, int port) {
        return new MailSettings(publicUrl, productName, from, host, port, smtpUser, smtpPassword, startTls,
                connectTimeout, readTimeout);
    }

    /** Authenticates with this login; a {@code null} user sends without authentication. */
    public MailSettings withCredentials(String user, String password) {
        return new MailSettings(publicUrl, productName, from, smtpHost, smtpPort, user, password, startTls,
                connectTimeout, readTimeout);
    }

    public MailSettings withStartTls(StartTls value) {
        return new MailSettings(publicUrl, productName, from, smtpHost, smtpPort, smtpUser, smtpPassword, value,
                connectTimeout, readTimeout);
    }

    public MailSettings withTimeouts(Duration connect, Duration read) {
        return new MailSettings(publicUrl, productName, from, smtpHost, smtpPort, smtpUser, smtpPassword, startTls,
                connect, read);
    }

    /** The sender as an address, showing the product name when {@link #from} has no display name. */
    InternetAddress fromAddress() {
        InternetAddress address = parseAddress(from);
        if (address.getPersonal() != null) {
            return address;
        }
        try {
            return new InternetAddress(address.getAddress(), productName, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** Leaves the password out, so that settings can be logged. */
    @Override
    public String toString() {
        return "MailSettings[publicUrl=" + publicUrl + ", productName=" + productName + ", from=" + from
                + ", smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", smtpUser=" + smtpUser
                + ", smtpPassword=" + (smtpPassword == null ? "none" : "(hidden)") + ", startTls=" + startTls
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static String normalizedPublicUrl(String raw) {
        String hint = "publicUrl must be an absolute http or https URL without query, such as https://id.example.com";
        if (raw == null || raw.isBlank() || hasControlCharacter(raw)) {
            throw new IllegalArgumentException(hint);
        }
        String url = raw.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint, e);
        }
        boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(hint);
        }
        return url;
    }

    private static InternetAddress parseAddress(String value) {
        if (hasControlCharacter(value)) {
            throw new IllegalArgumentException("from must be a single email address");
        }
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("from must be a single email address, such as no-reply@example.com",
                    e);
        }
    }

    private static Duration checkedTimeout(Duration value, String name) {
        Duration timeout = value == null ? DEFAULT_TIMEOUT : value;
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and below 24 days");
        }
        return timeout;
    }

    private static boolean hasControlCharacter(String s) {
        return s.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }
}
