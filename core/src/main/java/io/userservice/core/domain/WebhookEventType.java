package io.userservice.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a webhook can be told about. The list is complete from the start, so subscriptions made
 * today keep their meaning: {@code user.email_changed}, {@code user.deleted}, {@code mfa.enabled}
 * and {@code mfa.disabled} are accepted in subscriptions and sent once the service has the
 * features that cause them.
 */
public enum WebhookEventType {
    USER_CREATED("user.created"),
    USER_CONFIRMED("user.confirmed"),
    USER_UPDATED("user.updated"),
    USER_EMAIL_CHANGED("user.email_changed"),
    USER_PASSWORD_CHANGED("user.password_changed"),
    USER_DEACTIVATED("user.deactivated"),
    USER_ACTIVATED("user.activated"),
    USER_DELETED("user.deleted"),
    SESSION_REVOKED("session.revoked"),
    REFRESH_TOKEN_REUSE_DETECTED("refresh_token.reuse_detected"),
    ROLE_GRANTED("role.granted"),
    ROLE_REVOKED("role.revoked"),
    MFA_ENABLED("mfa.enabled"),
    MFA_DISABLED("mfa.disabled");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in payloads and subscriptions, e.g. {@code user.created}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, matched exactly. */
    public static Optional<WebhookEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
