package io.userservice.core.port.out;

import java.util.Set;

/** The scopes each user has agreed to give each client that asks for consent. */
public interface OidcConsentPort {

    /** Adds these scopes to what the user agreed to give the client. */
    void grant(long userId, String clientId, Set<String> scopes);

    /** What the user agreed to give the client; empty when never asked. */
    Set<String> granted(long userId, String clientId);

    /** Erases what the user agreed to give every client; returns how many scopes were recorded. */
    int eraseUser(long userId);
}
