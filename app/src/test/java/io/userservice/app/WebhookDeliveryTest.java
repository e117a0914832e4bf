package io.userservice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.port.out.WebhookSender.WebhookDeliveryException;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.service.UserServiceCore;
import io.userservice.core.settings.WebhookSettings;
import io.userservice.jdbc.JdbcSettings;
import io.userservice.jdbc.JdbcStores;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks delivered over real HTTP from cores on one H2 database to a receiver on loopback
 * (internal targets allowed for the test): signatures checked by an implementation of the
 * Standard Webhooks specification written here, order and once-only delivery through a receiver
 * outage, two instances, a rolled-back change, and the refusal of internal targets.
 */
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a long enough password";

    private record Received(String id, String timestamp, String signature, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean receiverUp = new AtomicBoolean(true);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final List<JdbcStores> stores = new ArrayList<>();
    private final List<HttpWebhookSender> senders = new ArrayList<>();
    private final String database = "jdbc:h2:mem:webhooks-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    private HttpServer receiver;

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (receiverUp.get()) {
                    var headers = exchange.getRequestHeaders();
                    received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                            headers.getFirst("webhook-signature"), body));
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    exchange.sendResponseHeaders(503, -1);
                }
            } finally {
                exchange.close();
            }
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        senders.forEach(HttpWebhookSender::close);
        stores.forEach(JdbcStores::close);
    }

    private HttpWebhookSender sender(boolean allowInternal) {
        HttpWebhookSender sender = new HttpWebhookSender(allowInternal);
        senders.add(sender);
        return sender;
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** A service instance on the shared database. */
    private UserServiceCore instance() {
        JdbcStores opened = JdbcStores.open(new JdbcSettings(database, "sa", "", 10));
        stores.add(opened);
        return UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false), opened.directory(),
                        opened.state(), new RecordingUserNotifier())
                .bcryptCost(4)
                .clock(clock)
                .webhooks(WebhookSettings.defaults().withAllowInternal(true))
                .webhookSender(sender(true))
                .build();
    }

    private static String subscribe(UserServiceCore core, String url, WebhookEventType... types) {
        return core.administerWebhooks().create(Caller.operator(), new AdministerWebhooksUseCase.Settings(url,
                java.util.Arrays.stream(types).map(WebhookEventType::wireName).toList(), "test"), ClientAddress.unknown()).secret();
    }

    private static long register(UserServiceCore core, String email) {
        // a client address of its own per user, so the registration limit of one address does not apply
        String address = "198.51.100." + Math.floorMod(email.hashCode(), 250);
        return core.register().register(new RegisterUserUseCase.Command(Email.of(email), PASSWORD, "Ann", "Lee", "en",
                ClientAddress.of(address))).id();
    }

    private static void drain(UserServiceCore core) {
        while (core.webhookDispatcher().deliverDue() > 0) {
            // until nothing is due
        }
    }

    /**
     * Verifies as the Standard Webhooks specification describes: the secret is base64 after the
     * {@code whsec_} prefix; the signed content is {@code id.timestamp.body}; the header holds
     * space-separated {@code v1,<base64 HMAC-SHA256>} signatures, any of which may match.
     */
    private static boolean verifies(String secret, Received message) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.split("_", 2)[1]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((message.id() + "." + message.timestamp() + "." + message.body())
                .getBytes(StandardCharsets.UTF_8));
        for (String signature : message.signature().split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts[0].equals("v1") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void messagesAreSignedAsTheSpecificationSaysAndCarryNoSecrets() throws Exception {
        UserServiceCore core = instance();
        String secret = subscribe(core, hookUrl(), WebhookEventType.USER_CREATED, WebhookEventType.USER_UPDATED);
        long id = register(core, "ann@example.com");
        drain(core);

        assertThat(received).hasSize(1);
        Received message = received.get(0);
        assertThat(verifies(secret, message)).isTrue();
        assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), message)).isFalse();
        assertThat(message.id()).startsWith("msg_");
        assertThat(Long.parseLong(message.timestamp())).isEqualTo(now.get().getEpochSecond());
        JsonNode body = JSON.readTree(message.body());
        assertThat(body.path("type").asText()).isEqualTo("user.created");
        assertThat(Instant.parse(body.path("timestamp").asText())).isNotNull();
        assertThat(body.path("data").path("id").asLong()).isEqualTo(id);
        assertThat(body.path("data").path("email").asText()).isEqualTo("ann@example.com");
        assertThat(message.body()).doesNotContain(PASSWORD).doesNotContain("$2").doesNotContainIgnoringCase("hash")
                .doesNotContainIgnoringCase("token");

        // a rotated secret: both sign for a day, then only the new one
        String endpointId = core.administerWebhooks().list(Caller.operator()).get(0).id();
        String rotated = core.administerWebhooks().rotateSecret(Caller.operator(), endpointId, ClientAddress.unknown()).secret();
        core.updateName().updateName(new UpdateNameUseCase.Command(id, "Anne", null));
        drain(core);
        Received second = received.get(1);
        assertThat(second.signature().split(" ")).hasSize(2);
        assertThat(verifies(secret, second)).isTrue();
        assertThat(verifies(rotated, second)).isTrue();
        assertThat(JSON.readTree(second.body()).path("data").path("firstname").asText()).isEqualTo("Anne");

        now.set(now.get().plus(Duration.ofHours(24)));
        core.updateName().updateName(new UpdateNameUseCase.Command(id, "Ann", null));
        drain(core);
        Received third = received.get(2);
        assertThat(third.signature().split(" ")).hasSize(1);
        assertThat(verifies(rotated, third)).isTrue();
        assertThat(verifies(secret, third)).isFalse();
    }

    @Test
    void aReceiverThatIsDownThenUpGetsEveryEventOnceInOrder() throws Exception {
        UserServiceCore core = instance();
        subscribe(core, hookUrl(), WebhookEventType.USER_CREATED, WebhookEventType.USER_UPDATED);
        receiverUp.set(false);
        long ann = register(core, "ann@example.com");
        core.updateName().updateName(new UpdateNameUseCase.Command(ann, "First", null));
        core.updateName().updateName(new UpdateNameUseCase.Command(ann, "Second", null));
        long bob = register(core, "bob@example.com");

        // while it is down: each user's first event is tried, the later ones of ann wait behind hers
        assertThat(core.webhookDispatcher().deliverDue()).isEqualTo(2);
        for (int minute = 0; minute < 30; minute++) {
            now.set(now.get().plus(Duration.ofMinutes(1)));
            drain(core);
        }
        String endpointId = core.administerWebhooks().list(Caller.operator()).get(0).id();
        List<WebhookDelivery> history = core.administerWebhooks().deliveries(Caller.operator(), endpointId, 10);
        assertThat(history).hasSize(4).allSatisfy(d -> assertThat(d.state()).isEqualTo(WebhookDelivery.State.PENDING));
        assertThat(history).filteredOn(d -> d.attempts() > 0).hasSize(2)
                .allSatisfy(d -> {
                    assertThat(d.lastStatus()).isEqualTo(503);
                    assertThat(d.attempts()).isGreaterThan(3);
                });

        receiverUp.set(true);
        now.set(now.get().plus(Duration.ofHours(2)));
        for (int i = 0; i < 5; i++) {
            drain(core);
        }
        assertThat(received).extracting(Received::id).doesNotHaveDuplicates().hasSize(4);
        List<String> annsNames = new ArrayList<>();
        for (Received message : received) {
            JsonNode body = JSON.readTree(message.body());
            if (body.path("data").path("id").asLong() == ann) {
                annsNames.add(body.path("type").asText() + ":" + body.path("data").path("firstname").asText());
            } else {
                assertThat(body.path("data").path("id").asLong()).isEqualTo(bob);
            }
        }
        assertThat(annsNames).containsExactly("user.created:Ann", "user.updated:First", "user.updated:Second");
        assertThat(core.administerWebhooks().deliveries(Caller.operator(), endpointId, 10))
                .allSatisfy(d -> assertThat(d.state()).isEqualTo(WebhookDelivery.State.DELIVERED));
    }

    @Test
    void aDeliveryFailingFor24HoursIsGivenUpAndRecorded() {
        UserServiceCore core = instance();
        subscribe(core, hookUrl(), WebhookEventType.USER_CREATED);
        receiverUp.set(false);
        register(core, "ann@example.com");
        for (int hour = 0; hour <= 26; hour++) {
            drain(core);
            now.set(now.get().plus(Duration.ofMinutes(30)));
            drain(core);
            now.set(now.get().plus(Duration.ofMinutes(30)));
        }
        String endpointId = core.administerWebhooks().list(Caller.operator()).get(0).id();
        WebhookDelivery delivery = core.administerWebhooks().deliveries(Caller.operator(), endpointId, 1).get(0);
        assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.GAVE_UP);
        assertThat(delivery.lastStatus()).isEqualTo(503);
        assertThat(delivery.lastError()).isEqualTo("HTTP 503");
        assertThat(delivery.finishedAt()).isBefore(delivery.createdAt().plus(Duration.ofHours(25)));
        receiverUp.set(true);
        now.set(now.get().plus(Duration.ofHours(1)));
        drain(core);
        assertThat(received).isEmpty();
    }

    @Test
    void twoInstancesDeliverEachEventOnce() throws Exception {
        UserServiceCore first = instance();
        UserServiceCore second = instance();
        subscribe(first, hookUrl(), WebhookEventType.USER_CREATED);
        int users = 24;
        for (int i = 0; i < users; i++) {
            register(i % 2 == 0 ? first : second, "user" + i + "@example.com");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (UserServiceCore core : List.of(first, second)) {
                runs.add(pool.submit(() -> drain(core)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(received).hasSize(users).extracting(Received::id).doesNotHaveDuplicates();
    }

    @Test
    void anEventWhoseChangeRollsBackIsNeverSent() {
        UserServiceCore core = instance();
        subscribe(core, hookUrl(), WebhookEventType.USER_UPDATED);
        var state = stores.get(0).state();
        assertThatThrownBy(() -> state.transactions().run(() -> {
            state.attributes().put(7, "plan", "gold");
            state.webhookOutbox().append(new WebhookEvent("msg_rolledback", WebhookEventType.USER_UPDATED, 7,
                    now.get(), "{\"type\":\"user.updated\"}"));
            throw new IllegalStateException("the change failed after its event was written");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(state.attributes().attributesOf(7)).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(1)));
        drain(core);
        assertThat(received).isEmpty();
    }

    @Test
    void internalTargetsAreRefusedAtDeliveryUnlessAllowed() {
        Map<String, String> headers = Map.of("webhook-id", "msg_x");
        for (String url : List.of(hookUrl(), "http://localhost:" + receiver.getAddress().getPort() + "/hook")) {
            assertThatThrownBy(() -> sender(false).post(url, headers, "{}"))
                    .isInstanceOf(WebhookDeliveryException.class).hasMessageContaining("refused");
        }
        assertThat(received).isEmpty();
        assertThat(sender(true).post(hookUrl(), headers, "{}")).isEqualTo(204);

        // an endpoint whose address is internal only at delivery time gets nothing and the reason is recorded
        JdbcStores opened = JdbcStores.open(new JdbcSettings(database, "sa", "", 4));
        stores.add(opened);
        UserServiceCore guarded = UserServiceCore.builder(CoreSettings.defaults().withRequireConfirmation(false),
                        opened.directory(), opened.state(), new RecordingUserNotifier())
                .bcryptCost(4).clock(clock).webhookSender(sender(false)).build();
        opened.state().webhookEndpoints().create(new WebhookEndpoint(java.util.UUID.randomUUID().toString(), hookUrl(),
                Set.of(WebhookEventType.USER_CREATED), null, "whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
                null, null, now.get()));
        register(guarded, "ann@example.com");
        drain(guarded);
        assertThat(received).hasSize(1);
        String endpointId = guarded.administerWebhooks().list(Caller.operator()).get(0).id();
        assertThat(guarded.administerWebhooks().deliveries(Caller.operator(), endpointId, 1).get(0).lastError())
                .contains("refused").contains("internal address");
    }
}
