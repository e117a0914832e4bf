package io.userservice.core.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules for a webhook's target address. */
public final class WebhookUrl {

    public static final int MAX_LENGTH = 2048;
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[.*]$|:");

    private WebhookUrl() {
    }

    /**
     * The URL if it is an absolute {@code https} or {@code http} URL with a host, no user info
     * and no fragment, and (unless {@code allowInternal}) its host is not an address literal of
     * the internal network ({@link InternalAddresses}) nor {@code localhost}. Host names are
     * resolved and checked again at every delivery.
     *
     * @throws InvalidInputException {@code invalid_webhook_url} or {@code webhook_url_not_allowed}
     */
    public static String checked(String url, boolean allowInternal) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            throw invalid("The url must be an http or https URL of at most " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("The url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw invalid("The url must be an absolute http or https URL with a host, without user info or fragment.");
        }
        if (!allowInternal && isInternalLiteral(uri.getHost())) {
            throw new InvalidInputException("webhook_url_not_allowed", "url",
                    "The url points into the internal network, which this server does not allow for webhooks.");
        }
        return url;
    }

    private static boolean isInternalLiteral(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(name).find()) {
            return false;
        }
        try {
            // an address literal is parsed, never looked up
            return InternalAddresses.isInternal(InetAddress.getByName(name.startsWith("[")
                    ? name.substring(1, name.length() - 1) : name));
        } catch (UnknownHostException e) {
            throw invalid("The url's host is not a valid address.");
        }
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("invalid_webhook_url", "url", message);
    }
}
