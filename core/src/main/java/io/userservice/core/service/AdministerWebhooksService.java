package io.userservice.core.service;

import io.userservice.core.crypto.WebhookSignatures;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.domain.WebhookUrl;
import io.userservice.core.outbox.WebhookDispatcher;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.WebhookEndpointPort;
import io.userservice.core.port.out.WebhookOutboxPort;
import io.userservice.core.settings.WebhookSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The webhook registry's use cases. Secrets are stored sealed under the key-encryption key when
 * one is configured (bound to the endpoint's id, as outbox codes are bound to their mail), and in
 * clear text otherwise, as the project keeps its other secrets at rest.
 */
final class AdministerWebhooksService implements AdministerWebhooksUseCase {

    static final Duration PREVIOUS_SECRET_LIFETIME = Duration.ofHours(24);
    private static final int MAX_DESCRIPTION = 500;
    private static final int MAX_DELIVERIES = 200;
    private static final AuditAction ACTION = AuditAction.WEBHOOK_CHANGED;

    private final WebhookEndpointPort endpoints;
    private final WebhookOutboxPort outbox;
    private final Administrators administrators;
    private final AuditTrail audit;
    private final SecretGenerator secrets;
    private final OutboxCodeSealer sealer;
    private final Clock clock;
    private final WebhookSettings settings;

    AdministerWebhooksService(WebhookEndpointPort endpoints, WebhookOutboxPort outbox, Administrators administrators,
                              AuditTrail audit, SecretGenerator secrets, OutboxCodeSealer sealer, Clock clock,
                              WebhookSettings settings) {
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.administrators = administrators;
        this.audit = audit;
        this.secrets = secrets;
        this.sealer = sealer;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public WithSecret create(Caller caller, Settings given, ClientAddress clientAddress) {
        require(caller, null, clientAddress);
        String url = WebhookUrl.checked(given.url(), settings.allowInternal());
        Set<WebhookEventType> events = events(given.events());
        String description = description(given.description());
        String id = UUID.randomUUID().toString();
        String secret = newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(id, url, events, description,
                sealer.sealCode(WebhookDispatcher.sealingKey(id), secret), null, null, clock.instant());
        endpoints.create(endpoint);
        audited(caller, clientAddress, "created webhook " + id);
        return new WithSecret(endpoint, secret);
    }

    @Override
    public List<WebhookEndpoint> list(Caller caller) {
        require(caller, null, ClientAddress.unknown());
        return endpoints.all();
    }

    @Override
    public WebhookEndpoint get(Caller caller, String id) {
        require(caller, null, ClientAddress.unknown());
        return found(id);
    }

    @Override
    public WebhookEndpoint update(Caller caller, String id, Settings changes, ClientAddress clientAddress) {
        require(caller, id, clientAddress);
        WebhookEndpoint current = found(id);
        String url = changes.url() == null ? current.url() : WebhookUrl.checked(changes.url(), settings.allowInternal());
        Set<WebhookEventType> events = changes.events() == null ? current.events() : events(changes.events());
        String description = changes.description() == null ? current.description() : description(changes.description());
        if (!endpoints.update(current.withSettings(url, events, description))) {
            throw notFound();
        }
        audited(caller, clientAddress, "changed webhook " + id);
        return found(id);
    }

    @Override
    public void delete(Caller caller, String id, ClientAddress clientAddress) {
        require(caller, id, clientAddress);
        if (!endpoints.delete(checkedId(id))) {
            throw notFound();
        }
        audited(caller, clientAddress, "deleted webhook " + id);
    }

    @Override
    public WithSecret rotateSecret(Caller caller, String id, ClientAddress clientAddress) {
        require(caller, id, clientAddress);
        found(id);
        String secret = newSecret();
        Instant now = clock.instant();
        if (!endpoints.rotateSecret(id, sealer.sealCode(WebhookDispatcher.sealingKey(id), secret), now.plus(PREVIOUS_SECRET_LIFETIME))) {
            throw notFound();
        }
        audited(caller, clientAddress, "rotated the secret of webhook " + id);
        return new WithSecret(found(id), secret);
    }

    @Override
    public List<WebhookDelivery> deliveries(Caller caller, String id, int limit) {
        require(caller, id, ClientAddress.unknown());
        if (limit < 1 || limit > MAX_DELIVERIES) {
            throw new InvalidInputException("invalid_page", "limit", "limit must be between 1 and " + MAX_DELIVERIES + ".");
        }
        found(id);
        return outbox.deliveriesOf(id, limit);
    }

    private void require(Caller caller, String id, ClientAddress clientAddress) {
        administrators.require(ACTION, caller, null, clientAddress, id == null ? "caller lacks the role"
                : "caller lacks the role (webhook " + id + ")", "Managing webhooks needs role admin.");
    }

    private void audited(Caller caller, ClientAddress clientAddress, String detail) {
        audit.record(ACTION, caller.auditActor(), null, clientAddress, Outcome.SUCCESS, detail);
    }

    private String newSecret() {
        return WebhookSignatures.secretOf(Base64.getUrlDecoder().decode(secrets.newSecret()));
    }

    private WebhookEndpoint found(String id) {
        return endpoints.find(checkedId(id)).orElseThrow(AdministerWebhooksService::notFound);
    }

    /** Ids are UUIDs: anything else names no endpoint (and is never sent to the store). */
    private static String checkedId(String id) {
        try {
            return UUID.fromString(id).toString().equals(id) ? id : "";
        } catch (IllegalArgumentException | NullPointerException e) {
            return "";
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException("webhook_not_found", "There is no webhook with this id.");
    }

    private static Set<WebhookEventType> events(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("invalid_events", "events", "events must list at least one event type.");
        }
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String name : names) {
            events.add(WebhookEventType.fromWireName(name).orElseThrow(() -> new InvalidInputException("unknown_event",
                    "events", "Unknown event type: " + (name == null ? "null" : shortened(name)) + ".")));
        }
        return events;
    }

    private static String shortened(String name) {
        String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }

    private static String description(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_DESCRIPTION || text.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new InvalidInputException("invalid_description", "description",
                    "description must be at most " + MAX_DESCRIPTION + " characters on one line.");
        }
        return text;
    }
}
