package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.aUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.port.out.WebhookEndpointPort;
import io.userservice.core.port.out.WebhookOutboxPort;
import io.userservice.core.port.out.WebhookOutboxPort.Claim;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link WebhookOutboxPort}, {@link WebhookEndpointPort} and
 * {@link Transactions} must do together: store an event with a delivery per subscribed endpoint
 * if and only if its transaction commits, hand each due delivery to one claimer, keep each user's
 * deliveries to an endpoint in order, let only the latest claim record an outcome, and delete an
 * endpoint's deliveries with it.
 */
public abstract class WebhookOutboxContract {

    private static final Instant T = Instant.parse("2025-03-14T09:26:53.589Z");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ServiceState state;
    private WebhookOutboxPort outbox;
    private WebhookEndpointPort endpoints;
    private Transactions transactions;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        state = newState();
        outbox = state.webhookOutbox();
        endpoints = state.webhookEndpoints();
        transactions = state.transactions();
    }

    private WebhookEndpoint endpoint(WebhookEventType... types) {
        WebhookEndpoint endpoint = new WebhookEndpoint(UUID.randomUUID().toString(), "https://hooks.example.com/in",
                Set.of(types), "crm", "whsec_c2VjcmV0", null, null, T);
        endpoints.create(endpoint);
        return endpoint;
    }

    private static WebhookEvent event(WebhookEventType type, long userId) {
        int n = SEQUENCE.incrementAndGet();
        return new WebhookEvent("msg_" + n, type, userId, T, "{\"type\":\"" + type.wireName() + "\",\"n\":" + n + "}");
    }

    private List<WebhookDelivery> claimAll(Instant now) {
        return outbox.claimDue(now, now.plusSeconds(30), 100);
    }

    @Test
    void anEventGoesToEachSubscribedEndpointWithItsBodyUnchanged() {
        WebhookEndpoint crm = endpoint(WebhookEventType.USER_CREATED, WebhookEventType.ROLE_GRANTED);
        WebhookEndpoint audit = endpoint(WebhookEventType.USER_CREATED);
        endpoint(WebhookEventType.ROLE_REVOKED);
        WebhookEvent created = event(WebhookEventType.USER_CREATED, aUserId());

        assertThat(transactions.inTransaction(() -> outbox.append(created))).isEqualTo(2);

        List<WebhookDelivery> claimed = claimAll(T);
        assertThat(claimed).extracting(WebhookDelivery::endpointId).containsExactlyInAnyOrder(crm.id(), audit.id());
        assertThat(claimed).allSatisfy(d -> {
            assertThat(d.event()).isEqualTo(created);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.state()).isEqualTo(WebhookDelivery.State.PENDING);
        });
        assertThat(claimAll(T)).isEmpty();
    }

    @Test
    void erasingAUserTakesTheirEventsAndDeliveriesAndLeavesOthers() {
        WebhookEndpoint crm = endpoint(WebhookEventType.USER_CREATED, WebhookEventType.USER_UPDATED);
        long erased = aUserId();
        long kept = aUserId();
        outbox.append(event(WebhookEventType.USER_CREATED, erased));
        outbox.append(event(WebhookEventType.USER_UPDATED, erased));
        outbox.append(event(WebhookEventType.USER_CREATED, kept));
        WebhookDelivery claimed = claimAll(T).stream().filter(d -> d.event().userId() == erased).findFirst()
                .orElseThrow();

        assertThat(outbox.eraseUser(erased)).isEqualTo(2);

        assertThat(outbox.deliveriesOf(crm.id(), 10)).extracting(d -> d.event().userId()).containsExactly(kept);
        assertThat(outbox.markDelivered(WebhookOutboxPort.Claim.of(claimed), T, 200)).isFalse();
        assertThat(outbox.eraseUser(erased)).isZero();
    }

    @Test
    void anEventNobodySubscribedToIsNotKept() {
        endpoint(WebhookEventType.ROLE_REVOKED);
        assertThat(outbox.append(event(WebhookEventType.USER_CREATED, aUserId()))).isZero();
        assertThat(claimAll(T)).isEmpty();
    }

    @Test
    void anEventWhoseTransactionRollsBackIsNeverDelivered() {
        endpoint(WebhookEventType.USER_UPDATED);
        long userId = aUserId();
        assertThatThrownBy(() -> transactions.run(() -> {
            outbox.append(event(WebhookEventType.USER_UPDATED, userId));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(claimAll(T.plusSeconds(3600))).isEmpty();
        WebhookEvent committed = event(WebhookEventType.USER_UPDATED, userId);
        transactions.run(() -> outbox.append(committed));
        assertThat(claimAll(T)).extracting(WebhookDelivery::event).containsExactly(committed);
    }

    @Test
    void nestedTransactionsCommitOrRollBackAsOne() {
        endpoint(WebhookEventType.USER_UPDATED);
        long userId = aUserId();
        assertThatThrownBy(() -> transactions.run(() -> {
            transactions.run(() -> outbox.append(event(WebhookEventType.USER_UPDATED, userId)));
            throw new IllegalStateException("the outer change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(claimAll(T)).isEmpty();
    }

    @Test
    void aUsersLaterEventWaitsUntilTheEarlierIsDeliveredOrGivenUp() {
        WebhookEndpoint hook = endpoint(WebhookEventType.USER_UPDATED);
        long ann = aUserId();
        long bob = aUserId();
        WebhookEvent first = event(WebhookEventType.USER_UPDATED, ann);
        WebhookEvent second = event(WebhookEventType.USER_UPDATED, ann);
        WebhookEvent third = event(WebhookEventType.USER_UPDATED, ann);
        WebhookEvent bobs = event(WebhookEventType.USER_UPDATED, bob);
        outbox.append(first);
        outbox.append(second);
        outbox.append(third);
        outbox.append(bobs);

        List<WebhookDelivery> claimed = claimAll(T);
        assertThat(claimed).extracting(WebhookDelivery::event).containsExactly(first, bobs);
        WebhookDelivery firstDelivery = claimed.get(0);
        // a failed first attempt keeps the rest waiting, also when the first is due again later
        assertThat(outbox.retryLater(Claim.of(firstDelivery), T, 503, "HTTP 503", T.plusSeconds(5))).isTrue();
        assertThat(claimAll(T.plusSeconds(1))).isEmpty();
        List<WebhookDelivery> again = claimAll(T.plusSeconds(5));
        assertThat(again).extracting(WebhookDelivery::event).containsExactly(first);
        assertThat(outbox.markDelivered(Claim.of(again.get(0)), T.plusSeconds(5), 204)).isTrue();

        List<WebhookDelivery> next = claimAll(T.plusSeconds(5));
        assertThat(next).extracting(WebhookDelivery::event).containsExactly(second);
        assertThat(outbox.giveUp(Claim.of(next.get(0)), T.plusSeconds(6), null, "connection refused")).isTrue();
        assertThat(claimAll(T.plusSeconds(6))).extracting(WebhookDelivery::event).containsExactly(third);

        List<WebhookDelivery> history = outbox.deliveriesOf(hook.id(), 10);
        assertThat(history).hasSize(4);
        WebhookDelivery delivered = history.stream().filter(d -> d.id() == firstDelivery.id()).findFirst().orElseThrow();
        assertThat(delivered.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(delivered.lastStatus()).isEqualTo(204);
        WebhookDelivery gaveUp = history.stream().filter(d -> d.event().equals(second)).findFirst().orElseThrow();
        assertThat(gaveUp.state()).isEqualTo(WebhookDelivery.State.GAVE_UP);
        assertThat(gaveUp.lastStatus()).isNull();
        assertThat(gaveUp.lastError()).isEqualTo("connection refused");
    }

    @Test
    void onlyTheLatestClaimRecordsAnOutcome() {
        endpoint(WebhookEventType.ROLE_GRANTED);
        outbox.append(event(WebhookEventType.ROLE_GRANTED, aUserId()));
        WebhookDelivery first = outbox.claimDue(T, T.plusSeconds(30), 10).get(0);
        assertThat(claimAll(T.plusSeconds(29))).isEmpty();
        WebhookDelivery takenOver = claimAll(T.plusSeconds(30)).get(0);
        assertThat(takenOver.attempts()).isEqualTo(2);

        assertThat(outbox.markDelivered(Claim.of(first), T.plusSeconds(31), 200)).isFalse();
        assertThat(outbox.giveUp(Claim.of(first), T.plusSeconds(31), 500, "x")).isFalse();
        assertThat(outbox.markDelivered(Claim.of(takenOver), T.plusSeconds(31), 200)).isTrue();
        assertThat(outbox.retryLater(Claim.of(takenOver), T, 500, "x", T)).isFalse();
        assertThat(claimAll(T.plusSeconds(3600))).isEmpty();
    }

    @Test
    void racingClaimersGetEachDeliveryOnce() {
        endpoint(WebhookEventType.USER_CREATED);
        int events = 40;
        for (int i = 0; i < events; i++) {
            outbox.append(event(WebhookEventType.USER_CREATED, aUserId()));
        }
        List<Race.Outcome<List<WebhookDelivery>>> outcomes = Race.run(Race.RACERS, i -> claimAll(T));
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        List<Long> claimed = new ArrayList<>();
        Race.winners(outcomes).forEach(list -> list.forEach(d -> claimed.add(d.id())));
        assertThat(claimed).doesNotHaveDuplicates().hasSize(events);
    }

    @Test
    void deletingAnEndpointDeletesItsDeliveries() {
        WebhookEndpoint hook = endpoint(WebhookEventType.USER_CREATED);
        outbox.append(event(WebhookEventType.USER_CREATED, aUserId()));
        assertThat(endpoints.delete(hook.id())).isTrue();
        assertThat(endpoints.delete(hook.id())).isFalse();
        assertThat(endpoints.find(hook.id())).isEmpty();
        assertThat(claimAll(T)).isEmpty();
        assertThat(outbox.deliveriesOf(hook.id(), 10)).isEmpty();
    }

    @Test
    void endpointsKeepTheirSettingsAndRotateSecretsKeepingThePreviousOne() {
        WebhookEndpoint hook = endpoint(WebhookEventType.USER_CREATED);
        assertThat(endpoints.find(hook.id())).contains(hook);

        WebhookEndpoint changed = hook.withSettings("https://other.example.com/x",
                Set.of(WebhookEventType.ROLE_GRANTED, WebhookEventType.MFA_ENABLED), null);
        assertThat(endpoints.update(changed)).isTrue();
        assertThat(endpoints.rotateSecret(hook.id(), "whsec_bmV3", T.plusSeconds(86_400))).isTrue();

        WebhookEndpoint found = endpoints.find(hook.id()).orElseThrow();
        assertThat(found.url()).isEqualTo("https://other.example.com/x");
        assertThat(found.events()).containsExactlyInAnyOrder(WebhookEventType.ROLE_GRANTED,
                WebhookEventType.MFA_ENABLED);
        assertThat(found.description()).isNull();
        assertThat(found.secret()).isEqualTo("whsec_bmV3");
        assertThat(found.previousSecretAt(T)).contains("whsec_c2VjcmV0");
        assertThat(found.previousSecretAt(T.plusSeconds(86_400))).isEmpty();
        assertThat(endpoints.all()).containsExactly(found);
        assertThat(endpoints.update(changed.withSettings("https://x.example.com", Set.of(), "y")
                .withId(UUID.randomUUID().toString()))).isFalse();
        assertThat(endpoints.rotateSecret(UUID.randomUUID().toString(), "whsec_eA==", T)).isFalse();
    }

    @Test
    void finishedDeliveriesAreDeletedAfterTheRetention() {
        WebhookEndpoint hook = endpoint(WebhookEventType.USER_CREATED);
        outbox.append(event(WebhookEventType.USER_CREATED, aUserId()));
        outbox.append(event(WebhookEventType.USER_CREATED, aUserId()));
        WebhookDelivery done = claimAll(T).get(0);
        outbox.markDelivered(Claim.of(done), T, 200);

        assertThat(outbox.deleteFinishedBefore(T.plusSeconds(1))).isEqualTo(1);
        assertThat(outbox.deliveriesOf(hook.id(), 10)).hasSize(1)
                .allSatisfy(d -> assertThat(d.state()).isEqualTo(WebhookDelivery.State.PENDING));
    }
}
