package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.userservice.core.domain.Session;
import java.util.List;

/**
 * A session as its owner sees it: where it was last used ({@code clientAddress}, {@code userAgent})
 * and where it started ({@code signIn}). Never a token.
 */
@JsonPropertyOrder({"id", "createdAt", "lastUsedAt", "clientAddress", "userAgent", "signIn"})
record SessionJson(String id, String createdAt, String lastUsedAt, String clientAddress, String userAgent,
                   Client signIn) {

    record Client(String clientAddress, String userAgent) {
    }

    static SessionJson of(Session session) {
        return new SessionJson(session.id().toString(), session.createdAt().toString(),
                session.lastUsedAt().toString(), session.lastClient().address(), session.lastClient().userAgent(),
                new Client(session.signInClient().address(), session.signInClient().userAgent()));
    }

    @JsonPropertyOrder({"status", "sessions"})
    record Page(String status, List<SessionJson> sessions) {
        static Page of(List<Session> sessions) {
            return new Page("success", sessions.stream().map(SessionJson::of).toList());
        }
    }
}
