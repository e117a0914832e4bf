package io.userservice.core.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A user about to be stored in a directory for the first time, with the hash of their password;
 * the directory assigns the key (and id, if it has ids).
 */
public record NewDirectoryUser(UUID uniqueId, Email email, String passwordHash, String firstname, String lastname,
                               String language, boolean confirmed, Instant createdAt) {

    @Override
    public String toString() {
        return "NewDirectoryUser[email=" + email + "]";
    }
}
