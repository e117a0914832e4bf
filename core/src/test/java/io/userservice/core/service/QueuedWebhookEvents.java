package io.userservice.core.service;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEvent;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.out.WebhookOutboxPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The webhook events a core queues, as an endpoint subscribed to every type receives them. */
final class QueuedWebhookEvents {

    private final CoreFixture fixture;

    private QueuedWebhookEvents(CoreFixture fixture) {
        this.fixture = fixture;
    }

    /** Subscribes an endpoint to every event type of {@code fixture}'s core. */
    static QueuedWebhookEvents of(CoreFixture fixture) {
        fixture.core.administerWebhooks().create(Caller.operator(), new AdministerWebhooksUseCase.Settings(
                "https://hooks.example.com/", Arrays.stream(WebhookEventType.values())
                .map(WebhookEventType::wireName).toList(), null), ClientAddress.unknown());
        return new QueuedWebhookEvents(fixture);
    }

    /** Reads the events queued for the endpoints the test subscribed itself. */
    static QueuedWebhookEvents reading(CoreFixture fixture) {
        return new QueuedWebhookEvents(fixture);
    }

    /** The events queued since the last call, in order. */
    List<WebhookEvent> drain() {
        List<WebhookEvent> all = new ArrayList<>();
        List<WebhookDelivery> claimed;
        do {
            claimed = fixture.state.webhookOutbox().claimDue(fixture.clock.instant(),
                    fixture.clock.instant().plusSeconds(60), 100);
            claimed.forEach(d -> fixture.state.webhookOutbox().markDelivered(WebhookOutboxPort.Claim.of(d),
                    fixture.clock.instant(), 200));
            claimed.forEach(d -> all.add(d.event()));
        } while (!claimed.isEmpty());
        return all;
    }

    /** The types of the events queued since the last call, in order. */
    List<WebhookEventType> drainTypes() {
        return drain().stream().map(WebhookEvent::type).toList();
    }

    /** Each event queued since the last call as its type and its {@code data}, in order. */
    List<String> drainSummaries() {
        return drain().stream().map(e -> e.type().wireName() + " " + e.payload()
                .replaceFirst("^\\{\"type\":\"[^\"]+\",\"timestamp\":\"[^\"]+\",\"data\":", "")).toList();
    }
}
