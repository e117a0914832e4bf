package io.userservice.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CapturedLog;
import io.userservice.core.MutableClock;
import io.userservice.core.crypto.WebhookSignatures;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookDelivery.State;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.port.KeyEncryptionException;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.WebhookEndpointPort;
import io.userservice.core.port.out.WebhookOutboxPort;
import io.userservice.core.port.out.WebhookSender;
import io.userservice.core.settings.WebhookSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebhookDispatcherEdgesTest {

    private static final String SECRET = WebhookSignatures.secretOf(new byte[32]);
    private static final String OLD_SECRET = WebhookSignatures.secretOf("an older key of thirty-two bytes".getBytes());
    private static final String URL = "https://hooks.example.com/users";

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final ServiceState state = InMemoryServiceState.create();
    private final PurgeRecordingOutbox outbox = new PurgeRecordingOutbox(state.webhookOutbox());
    private final HidingEndpoints endpoints = new HidingEndpoints(state.webhookEndpoints());
    private final List<String> purgeCutoffs = new CopyOnWriteArrayList<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final AtomicInteger senderClosed = new AtomicInteger();
    private volatile Function<Post, Integer> answer = post -> 200;
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();

    record Post(String url, Map<String, String> headers, String body) {
    }

    private final WebhookSender sender = new WebhookSender() {
        @Override
        public int post(String url, Map<String, String> headers, String body) {
            Post post = new Post(url, Map.copyOf(headers), body);
            posts.add(post);
            return answer.apply(post);
        }

        @Override
        public void close() {
            senderClosed.incrementAndGet();
        }
    };

    /** Opens a secret kept as {@code sealed(<key>)<secret>} only under its own endpoint's key. */
    private final OutboxCodeSealer sealer = new OutboxCodeSealer() {
        @Override
        public String sealCode(String messageKey, String code) {
            return "sealed(" + messageKey + ")" + code;
        }

        @Override
        public String openCode(String messageKey, String stored) {
            String prefix = "sealed(" + messageKey + ")";
            if (!stored.startsWith(prefix)) {
                throw new KeyEncryptionException("the secret was sealed under another key");
            }
            return stored.substring(prefix.length());
        }
    };

    @AfterEach
    void closeDispatchers() {
        dispatchers.forEach(WebhookDispatcher::close);
    }

    /** The in-memory outbox, recording purges; it can play an outbox whose claims were all taken over, or one that is away. */
    private final class PurgeRecordingOutbox implements WebhookOutboxPort {
        private final WebhookOutboxPort delegate;
        volatile boolean claimsTakenOver;
        volatile RuntimeException claimFailure;

        PurgeRecordingOutbox(WebhookOutboxPort delegate) {
            this.delegate = delegate;
        }

        @Override
        public int append(WebhookEvent event) {
            return delegate.append(event);
        }

        @Override
        public List<WebhookDelivery> claimDue(Instant now, Instant claimedUntil, int max) {
            RuntimeException failure = claimFailure;
            if (failure != null) {
                throw failure;
            }
            return delegate.claimDue(now, claimedUntil, max);
        }

        @Override
        public boolean markDelivered(Claim claim, Instant now, int status) {
            return !claimsTakenOver && delegate.markDelivered(claim, now, status);
        }

        @Override
        public boolean retryLater(Claim claim, Instant now, Integer status, String reason, Instant nextAttemptAt) {
            return !claimsTakenOver && delegate.retryLater(claim, now, status, reason, nextAttemptAt);
        }

        @Override
        public boolean giveUp(Claim claim, Instant now, Integer status, String reason) {
            return !claimsTakenOver && delegate.giveUp(claim, now, status, reason);
        }

        @Override
        public List<WebhookDelivery> deliveriesOf(String endpointId, int limit) {
            return delegate.deliveriesOf(endpointId, limit);
        }

        @Override
        public int deleteFinishedBefore(Instant cutoff) {
            purgeCutoffs.add(cutoff.toString());
            return delegate.deleteFinishedBefore(cutoff);
        }

        @Override
        public int eraseUser(long userId) {
            return delegate.eraseUser(userId);
        }
    }

    /** The in-memory endpoints, of which the dispatcher can be kept from finding some, as if deleted meanwhile. */
    private static final class HidingEndpoints implements WebhookEndpointPort {
        private final WebhookEndpointPort delegate;
        final Set<String> hidden = new java.util.concurrent.CopyOnWriteArraySet<>();

        HidingEndpoints(WebhookEndpointPort delegate) {
            this.delegate = delegate;
        }

        @Override
        public void create(WebhookEndpoint endpoint) {
            delegate.create(endpoint);
        }

        @Override
        public List<WebhookEndpoint> all() {
            return delegate.all();
        }

        @Override
        public Optional<WebhookEndpoint> find(String id) {
            return hidden.contains(id) ? Optional.empty() : delegate.find(id);
        }

        @Override
        public boolean update(WebhookEndpoint endpoint) {
            return delegate.update(endpoint);
        }

        @Override
        public boolean rotateSecret(String id, String newSecret, Instant previousUntil) {
            return delegate.rotateSecret(id, newSecret, previousUntil);
        }

        @Override
        public boolean delete(String id) {
            return delegate.delete(id);
        }
    }

    private WebhookDispatcher dispatcher(WebhookSettings settings) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, endpoints, sender, sealer, clock, settings);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private WebhookDispatcher dispatcher() {
        return dispatcher(WebhookSettings.defaults());
    }

    private static WebhookSettings retryingFor(Duration retryFor) {
        return new WebhookSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(30), retryFor, Duration.ofDays(7),
                50);
    }

    private void endpoint(String id, String previousSecret, Instant previousUntil) {
        String key = WebhookDispatcher.sealingKey(id);
        endpoints.create(new WebhookEndpoint(id, URL, Set.of(WebhookEventType.USER_CREATED), null,
                sealer.sealCode(key, SECRET), previousSecret == null ? null : sealer.sealCode(key, previousSecret),
                previousUntil, clock.instant()));
    }

    private void event(String messageId, long userId) {
        outbox.append(new WebhookEvent(messageId, WebhookEventType.USER_CREATED, userId, clock.instant(),
                "{\"id\":" + userId + "}"));
    }

    private WebhookDelivery only(String endpointId) {
        List<WebhookDelivery> deliveries = outbox.deliveriesOf(endpointId, 10);
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    @Test
    void theSealingKeyNamesTheEndpoint() {
        assertThat(WebhookDispatcher.sealingKey("ep-1")).isEqualTo("webhook-endpoint:ep-1");
    }

    @Test
    void aDeliveryIsSignedWithItsIdAndTimestampAndRecordedAsDelivered() {
        endpoint("ep-1", null, null);
        event("msg_1", 7);
        clock.advance(Duration.ofMillis(1500));
        long timestamp = clock.instant().getEpochSecond();

        assertThat(dispatcher().deliverDue()).isEqualTo(1);

        assertThat(posts).singleElement().satisfies(post -> {
            assertThat(post.url()).isEqualTo(URL);
            assertThat(post.body()).isEqualTo("{\"id\":7}");
            assertThat(post.headers()).containsOnly(Map.entry("webhook-id", "msg_1"),
                    Map.entry("webhook-timestamp", Long.toString(timestamp)),
                    Map.entry("webhook-signature", WebhookSignatures.sign(SECRET, "msg_1", timestamp, "{\"id\":7}")));
        });
        WebhookDelivery delivery = only("ep-1");
        assertThat(delivery.state()).isEqualTo(State.DELIVERED);
        assertThat(delivery.lastStatus()).isEqualTo(200);
        assertThat(delivery.finishedAt()).isEqualTo(clock.instant());
    }

    @Test
    void whileARotatedSecretStillSignsEachMessageCarriesBothSignatures() {
        endpoint("ep-1", OLD_SECRET, clock.instant().plusSeconds(60));
        event("msg_1", 7);
        long timestamp = clock.instant().getEpochSecond();

        dispatcher().deliverDue();

        assertThat(posts.get(0).headers().get("webhook-signature")).isEqualTo(
                WebhookSignatures.sign(SECRET, "msg_1", timestamp, "{\"id\":7}") + " "
                        + WebhookSignatures.sign(OLD_SECRET, "msg_1", timestamp, "{\"id\":7}"));
    }

    @Test
    void everyTwoHundredStatusIsSuccessAndNothingElse() {
        endpoint("ep-1", null, null);
        List<Integer> statuses = List.of(199, 200, 204, 299, 300, 500);
        for (int status : statuses) {
            event("msg_" + status, status);
        }
        answer = post -> Integer.parseInt(post.headers().get("webhook-id").substring("msg_".length()));

        assertThat(dispatcher().deliverDue()).isEqualTo(statuses.size());

        assertThat(outbox.deliveriesOf("ep-1", 10)).extracting(d -> d.event().messageId() + " " + d.state())
                .containsExactlyInAnyOrder("msg_199 PENDING", "msg_200 DELIVERED", "msg_204 DELIVERED",
                        "msg_299 DELIVERED", "msg_300 PENDING", "msg_500 PENDING");
    }

    @Test
    void aFailedAttemptIsRetriedAfterFiveSecondsWithTheStatusAsReason() {
        endpoint("ep-1", null, null);
        event("msg_1", 7);
        answer = post -> 503;

        dispatcher().deliverDue();

        WebhookDelivery delivery = only("ep-1");
        assertThat(delivery.state()).isEqualTo(State.PENDING);
        assertThat(delivery.lastStatus()).isEqualTo(503);
        assertThat(delivery.lastError()).isEqualTo("HTTP 503");
        assertThat(delivery.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(5));
        assertThat(delivery.finishedAt()).isNull();
    }

    @Test
    void theReasonOfAFailureIsItsMessageOnOneLineOfAtMost200Characters() {
        endpoint("ep-1", null, null);
        event("msg_1", 7);
        WebhookDispatcher dispatcher = dispatcher();
        List<RuntimeException> failures = List.of(
                new WebhookSender.WebhookDeliveryException("connect timed out\r\nto hooks.example.com"),
                new WebhookSender.WebhookDeliveryException(null),
                new IllegalStateException("boom\tagain"),
                new WebhookSender.WebhookDeliveryException("x".repeat(200)),
                new WebhookSender.WebhookDeliveryException("y".repeat(201)));
        List<String> reasons = new ArrayList<>();
        for (RuntimeException failure : failures) {
            answer = post -> {
                throw failure;
            };
            dispatcher.deliverDue();
            WebhookDelivery delivery = only("ep-1");
            reasons.add(delivery.lastError());
            assertThat(delivery.lastStatus()).isNull();
            clock.advance(Duration.between(clock.instant(), delivery.nextAttemptAt()));
        }

        assertThat(reasons).containsExactly("connect timed out to hooks.example.com", "no reason given",
                "IllegalStateException: boom again", "x".repeat(200), "y".repeat(200));
    }

    @Test
    void aSecretThatCannotBeOpenedFailsTheAttemptWithoutPosting() {
        String key = WebhookDispatcher.sealingKey("ep-other");
        endpoints.create(new WebhookEndpoint("ep-1", URL, Set.of(WebhookEventType.USER_CREATED), null,
                sealer.sealCode(key, SECRET), null, null, clock.instant()));
        event("msg_1", 7);

        dispatcher().deliverDue();

        assertThat(posts).isEmpty();
        WebhookDelivery delivery = only("ep-1");
        assertThat(delivery.state()).isEqualTo(State.PENDING);
        assertThat(delivery.lastError()).isEqualTo("the secret was sealed under another key");
    }

    @Test
    void aDeliveryIsRetriedUntilTheRetryPeriodAfterTheEventAndThenGivenUp() {
        endpoint("ep-1", null, null);
        event("msg_1", 7);
        Instant created = clock.instant();
        answer = post -> 500;
        WebhookDispatcher dispatcher = dispatcher(retryingFor(Duration.ofSeconds(20)));

        dispatcher.deliverDue();
        assertThat(only("ep-1").nextAttemptAt()).isEqualTo(created.plusSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        dispatcher.deliverDue();
        assertThat(only("ep-1").nextAttemptAt()).as("the second wait is 10 s")
                .isEqualTo(created.plusSeconds(15));
        clock.advance(Duration.ofSeconds(10));
        dispatcher.deliverDue();

        WebhookDelivery delivery = only("ep-1");
        assertThat(delivery.state()).isEqualTo(State.GAVE_UP);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastStatus()).isEqualTo(500);
        assertThat(delivery.lastError()).isEqualTo("HTTP 500");
        assertThat(delivery.finishedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aRetryEndingExactlyAtTheRetryPeriodIsStillMade() {
        endpoint("ep-1", null, null);
        event("msg_1", 7);
        answer = post -> 500;

        dispatcher(retryingFor(Duration.ofSeconds(5))).deliverDue();
        assertThat(only("ep-1").state()).isEqualTo(State.PENDING);

        endpoint("ep-2", null, null);
        event("msg_2", 8);
        dispatcher(retryingFor(Duration.ofMillis(4999))).deliverDue();
        assertThat(only("ep-2").state()).isEqualTo(State.GAVE_UP);
    }

    @Test
    void aDeliveryToAnEndpointDeletedMeanwhileIsGivenUp() {
        endpoint("ep-1", null, null);
        event("msg_1", 7);
        endpoints.hidden.add("ep-1");

        assertThat(dispatcher().deliverDue()).isEqualTo(1);

        assertThat(posts).isEmpty();
        WebhookDelivery delivery = only("ep-1");
        assertThat(delivery.state()).isEqualTo(State.GAVE_UP);
        assertThat(delivery.lastError()).isEqualTo("the endpoint was deleted");
        assertThat(delivery.lastStatus()).isNull();
    }

    @Test
    void finishedDeliveriesArePurgedAtTheFirstPassThenOnceAnHourBeforeTheRetention() {
        WebhookDispatcher dispatcher = dispatcher();
        Instant start = clock.instant();

        dispatcher.deliverDue();
        clock.advance(Duration.ofHours(1).minusMillis(1));
        dispatcher.deliverDue();
        assertThat(purgeCutoffs).containsExactly(start.minus(Duration.ofDays(7)).toString());

        clock.advance(Duration.ofMillis(1));
        dispatcher.deliverDue();
        assertThat(purgeCutoffs).containsExactly(start.minus(Duration.ofDays(7)).toString(),
                start.plus(Duration.ofHours(1)).minus(Duration.ofDays(7)).toString());
    }

    @Test
    void aBackgroundPassTakesFullBatchesUntilNothingIsDueAndCloseClosesTheSender() throws InterruptedException {
        endpoint("ep-1", null, null);
        CountDownLatch five = new CountDownLatch(5);
        answer = post -> {
            five.countDown();
            return 200;
        };
        for (int user = 1; user <= 5; user++) {
            event("msg_" + user, user);
        }
        WebhookDispatcher dispatcher = dispatcher(new WebhookSettings(false, Duration.ofHours(1),
                Duration.ofSeconds(30), Duration.ofHours(24), Duration.ofDays(7), 2));

        dispatcher.start();

        assertThat(five.await(10, TimeUnit.SECONDS)).as("all five in the first pass").isTrue();
        dispatcher.close();
        assertThat(senderClosed.get()).isEqualTo(1);
    }

    @Test
    void afterCloseNoBackgroundPassRuns() throws InterruptedException {
        endpoint("ep-1", null, null);
        WebhookDispatcher dispatcher = dispatcher(WebhookSettings.defaults().withPollInterval(Duration.ofMillis(5)));
        dispatcher.start();
        event("msg_1", 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (posts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(posts).hasSize(1);

        dispatcher.close();
        event("msg_2", 2);
        Thread.sleep(200);

        assertThat(posts).hasSize(1);
        assertThat(outbox.deliveriesOf("ep-1", 10)).filteredOn(d -> d.event().messageId().equals("msg_2"))
                .singleElement().extracting(WebhookDelivery::state).isEqualTo(State.PENDING);
    }

    /** What operators read in the log: deliveries given up, retried, lost to another dispatcher, failed passes. */
    @Nested
    class Log {

        private CapturedLog log;

        @BeforeEach
        void capture() {
            log = CapturedLog.of(WebhookDispatcher.class);
        }

        @AfterEach
        void release() {
            log.close();
        }

        private List<String> at(Level level) {
            return log.at(level);
        }

        @Test
        void aRetryIsAWarningAndGivingUpAnError() {
            endpoint("ep-1", null, null);
            event("msg_1", 7);
            answer = post -> 500;
            WebhookDispatcher dispatcher = dispatcher(retryingFor(Duration.ofSeconds(5)));
            long id = only("ep-1").id();

            dispatcher.deliverDue();
            clock.advance(Duration.ofSeconds(5));
            dispatcher.deliverDue();

            assertThat(at(Level.WARNING)).containsExactly("webhook delivery " + id + " to endpoint ep-1 failed (attempt 1),"
                    + " next attempt at " + clock.instant() + ": HTTP 500");
            assertThat(at(Level.SEVERE)).containsExactly("gave up webhook delivery " + id
                    + " (user.created to endpoint ep-1) after 2 attempts: HTTP 500");
        }

        @Test
        void anOutcomeLostToAnotherDispatcherIsAWarning() {
            endpoint("ep-1", null, null);
            event("msg_1", 7);
            event("msg_2", 8);
            event("msg_3", 9);
            answer = post -> post.headers().get("webhook-id").equals("msg_1") ? 200 : 500;
            outbox.claimsTakenOver = true;
            WebhookDispatcher dispatcher = dispatcher(retryingFor(Duration.ofSeconds(30)));

            dispatcher.deliverDue();
            clock.advance(Duration.ofSeconds(30));
            dispatcher.deliverDue();

            String lost = " finished after its claim was taken over; the other dispatcher records it";
            assertThat(at(Level.WARNING)).contains("attempt 1 of webhook delivery 1" + lost,
                    "attempt 1 of webhook delivery 2" + lost, "attempt 2 of webhook delivery 2" + lost);
            assertThat(at(Level.SEVERE)).isEmpty();
        }

        @Test
        void aPurgeThatDeletedDeliveriesSaysHowMany() {
            endpoint("ep-1", null, null);
            event("msg_1", 7);
            WebhookDispatcher dispatcher = dispatcher();
            dispatcher.deliverDue();
            assertThat(at(Level.INFO)).as("nothing was old enough").isEmpty();

            clock.advance(Duration.ofDays(8));
            dispatcher.deliverDue();

            assertThat(at(Level.INFO)).containsExactly("deleted 1 finished webhook deliveries older than PT168H");
        }

        @Test
        void aBackgroundPassThatFailsIsAWarningAndTheNextPassRuns() throws InterruptedException {
            outbox.claimFailure = new IllegalStateException("the database is away\nfor now");
            endpoint("ep-1", null, null);
            CountDownLatch delivered = new CountDownLatch(1);
            answer = post -> {
                delivered.countDown();
                return 200;
            };
            event("msg_1", 7);
            WebhookDispatcher dispatcher = dispatcher(WebhookSettings.defaults().withPollInterval(Duration.ofMillis(10)));

            dispatcher.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (at(Level.WARNING).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            outbox.claimFailure = null;

            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(at(Level.WARNING)).first().isEqualTo(
                    "webhook pass failed, trying again in PT0.01S: IllegalStateException: the database is away for now");
        }
    }
}
