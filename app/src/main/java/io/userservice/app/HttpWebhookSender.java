package io.userservice.app;

import io.userservice.core.domain.InternalAddresses;
import io.userservice.core.port.out.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Posts webhook messages with Jetty's HTTP client: no redirects followed, no proxy, and the
 * whole exchange up to the answer's status bounded by 10 seconds. Unless internal targets are
 * allowed, the client connects only to addresses it has checked: the resolver that hands the
 * client its addresses refuses a name when any of them is internal ({@link InternalAddresses}),
 * so a name whose DNS answer changes between a check and the connection (DNS rebinding) cannot
 * reach the internal network either.
 */
final class HttpWebhookSender implements WebhookSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final boolean allowInternal;
    private HttpClient client;
    private boolean closed;

    /** The client starts with the first message, so a start without webhooks does not load it. */
    HttpWebhookSender(boolean allowInternal) {
        this.allowInternal = allowInternal;
    }

    private synchronized HttpClient client() {
        if (closed) {
            throw new WebhookDeliveryException("the webhook sender is closed");
        }
        if (client == null) {
            client = startedClient(allowInternal);
        }
        return client;
    }

    private static HttpClient startedClient(boolean allowInternal) {
        HttpClient client = new HttpClient();
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName("webhook-client");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setConnectTimeout(TIMEOUT.toMillis());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "user-service-webhooks"));
        client.setSocketAddressResolver(allowInternal ? new SocketAddressResolver.Sync() : new ExternalOnly());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("webhook HTTP client did not start: " + e.getMessage(), e);
        }
        return client;
    }

    @Override
    public int post(String url, Map<String, String> headers, String body) {
        InputStreamResponseListener listener = new InputStreamResponseListener();
        Request request = client().newRequest(URI.create(url))
                .method(HttpMethod.POST)
                .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .headers(fields -> headers.forEach(fields::put))
                .body(new StringRequestContent("application/json", body, StandardCharsets.UTF_8));
        request.send(listener);
        try {
            Response response = listener.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try (InputStream ignored = listener.getInputStream()) {
                return response.getStatus();
            }
        } catch (TimeoutException e) {
            request.abort(e);
            throw new WebhookDeliveryException("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new WebhookDeliveryException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof WebhookDeliveryException refused) {
                throw refused;
            }
            throw new WebhookDeliveryException(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (IOException e) {
            // closing the unread body; the status is known by then
            throw new WebhookDeliveryException("IOException: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client == null) {
            return;
        }
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("webhook HTTP client did not stop: " + e.getMessage(), e);
        }
    }

    /** Resolves a name and hands the client its addresses only when none of them is internal. */
    private static final class ExternalOnly implements SocketAddressResolver {

        @Override
        public void resolve(String host, int port, Promise<List<InetSocketAddress>> promise) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                promise.failed(new WebhookDeliveryException("unknown host " + host));
                return;
            }
            List<InetSocketAddress> checked = new ArrayList<>(addresses.length);
            for (InetAddress address : addresses) {
                if (InternalAddresses.isInternal(address)) {
                    promise.failed(new WebhookDeliveryException("refused: " + host
                            + " resolves to the internal address " + address.getHostAddress()
                            + " (USERSVC_WEBHOOK_ALLOW_PRIVATE is not set)"));
                    return;
                }
                checked.add(new InetSocketAddress(address, port));
            }
            promise.succeeded(checked);
        }
    }
}
