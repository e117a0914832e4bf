package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A signed-in session: one refresh-token family, as its owner may see it. It never holds a token.
 *
 * @param id         the family's id
 * @param createdAt  the sign-in
 * @param lastUsedAt the latest sign-in or refresh
 * @param lastClient where the latest sign-in or refresh came from
 * @param signInClient where the sign-in came from
 */
public record Session(UUID id, Instant createdAt, Instant lastUsedAt, SessionClient lastClient,
                      SessionClient signInClient) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        lastUsedAt = lastUsedAt == null ? createdAt : lastUsedAt;
        lastClient = lastClient == null ? SessionClient.unknown() : lastClient;
        signInClient = signInClient == null ? SessionClient.unknown() : signInClient;
    }
}
