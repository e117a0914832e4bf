package io.userservice.jdbc;

import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.WebhookEndpointPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The webhook endpoints in {@code webhook_endpoints}; an endpoint's deliveries go with it. */
final class JdbiWebhookEndpoints implements WebhookEndpointPort {

    private static final String COLUMNS = "id, url, events, description, secret, previous_secret,"
            + " previous_secret_until, created_at";

    private final Jdbi jdbi;

    JdbiWebhookEndpoints(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(WebhookEndpoint endpoint) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO webhook_endpoints (" + COLUMNS + ") VALUES (:id,"
                        + " :url, :events, :description, :secret, NULL, NULL, :createdAt)")
                .bind("id", endpoint.id())
                .bind("url", endpoint.url())
                .bind("events", joined(endpoint.events()))
                .bind("description", endpoint.description())
                .bind("secret", endpoint.secret())
                .bind("createdAt", Millis.of(endpoint.createdAt()))
                .execute());
    }

    @Override
    public List<WebhookEndpoint> all() {
        return all(jdbi);
    }

    static List<WebhookEndpoint> all(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM webhook_endpoints ORDER BY created_at, id")
                .map((row, ctx) -> read(row))
                .list());
    }

    @Override
    public Optional<WebhookEndpoint> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM webhook_endpoints"
                        + " WHERE id = :id")
                .bind("id", id)
                .map((row, ctx) -> read(row))
                .findOne());
    }

    @Override
    public boolean update(WebhookEndpoint endpoint) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE webhook_endpoints SET url = :url,"
                        + " events = :events, description = :description WHERE id = :id")
                .bind("id", endpoint.id())
                .bind("url", endpoint.url())
                .bind("events", joined(endpoint.events()))
                .bind("description", endpoint.description())
                .execute()) == 1;
    }

    /** One statement: the previous secret is the one the row held, whatever another rotation did. */
    @Override
    public boolean rotateSecret(String id, String newSecret, Instant previousUntil) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE webhook_endpoints SET previous_secret = secret,"
                        + " previous_secret_until = :until, secret = :secret WHERE id = :id")
                .bind("id", id)
                .bind("secret", newSecret)
                .bind("until", Millis.of(previousUntil))
                .execute()) == 1;
    }

    @Override
    public boolean delete(String id) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM webhook_deliveries WHERE endpoint_id = :id").bind("id", id).execute();
            return handle.createUpdate("DELETE FROM webhook_endpoints WHERE id = :id").bind("id", id).execute() == 1;
        });
    }

    private static String joined(Set<WebhookEventType> events) {
        return events.stream().map(WebhookEventType::wireName).sorted().collect(Collectors.joining(","));
    }

    private static WebhookEndpoint read(ResultSet row) throws SQLException {
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        Arrays.stream(row.getString("events").split(",")).map(WebhookEventType::fromWireName)
                .flatMap(Optional::stream).forEach(events::add);
        return new WebhookEndpoint(row.getString("id"), row.getString("url"), events, row.getString("description"),
                row.getString("secret"), row.getString("previous_secret"), Millis.read(row, "previous_secret_until"),
                Millis.read(row, "created_at"));
    }
}
