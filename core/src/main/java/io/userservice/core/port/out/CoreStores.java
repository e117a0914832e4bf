package io.userservice.core.port.out;

import java.util.Objects;

/** The persistence ports the core needs, as one bundle a store implementation hands over. */
public record CoreStores(LoadUserPort loadUsers, SaveUserPort saveUsers, UserAttributesPort attributes,
                         RefreshTokenPort refreshTokens, SingleUseCodePort codes,
                         SigningKeyPort signingKeys, ConsumedTokenPort consumedTokens,
                         PortalSessionPort portalSessions, UserRolesPort roles, AuditLogPort auditLog,
                         MailOutboxPort mailOutbox,
                         ThrottleCounterPort throttleCounters) {

    public CoreStores {
        Objects.requireNonNull(loadUsers, "loadUsers");
        Objects.requireNonNull(saveUsers, "saveUsers");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(signingKeys, "signingKeys");
        Objects.requireNonNull(consumedTokens, "consumedTokens");
        Objects.requireNonNull(portalSessions, "portalSessions");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(mailOutbox, "mailOutbox");
        Objects.requireNonNull(throttleCounters, "throttleCounters");
    }
}
