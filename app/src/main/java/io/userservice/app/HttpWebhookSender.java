package io.userservice.app;

import io.userservice.core.domain.InternalAddresses;
import io.userservice.core.port.out.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts webhook messages with the JDK's HTTP client: no redirects followed, no proxy, and the
 * whole exchange up to the answer's status bounded by 10 seconds. Unless internal targets are
 * allowed, the host is resolved first and refused when any of its addresses is internal
 * ({@link InternalAddresses}); the client resolves the name again when it connects, so a name
 * whose DNS answer changes within that moment (DNS rebinding) is not caught by this check.
 */
final class HttpWebhookSender implements WebhookSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final boolean allowInternal;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    HttpWebhookSender(boolean allowInternal) {
        this.allowInternal = allowInternal;
    }

    @Override
    public int post(String url, Map<String, String> headers, String body) {
        URI uri = URI.create(url);
        if (!allowInternal) {
            refuseInternal(uri.getHost());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "user-service-webhooks")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<InputStream>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> response = exchange.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try (InputStream ignored = response.body()) {
                return response.statusCode();
            }
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new WebhookDeliveryException("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new WebhookDeliveryException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new WebhookDeliveryException(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (IOException e) {
            // closing the unread body; the status is known by then
            throw new WebhookDeliveryException("IOException: " + e.getMessage());
        }
    }

    private static void refuseInternal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new WebhookDeliveryException("unknown host " + host);
        }
        for (InetAddress address : addresses) {
            if (InternalAddresses.isInternal(address)) {
                throw new WebhookDeliveryException("refused: " + host + " resolves to the internal address "
                        + address.getHostAddress() + " (USERSVC_WEBHOOK_ALLOW_PRIVATE is not set)");
            }
        }
    }
}
