package io.userservice.core.port.out;

import java.util.Objects;

/**
 * The driven ports of the service's own state, as one bundle a store hands over: everything the
 * service keeps about users, whichever {@link UserDirectory} they live in. It refers to users by
 * their numeric id only, never into the directory's own tables. {@link Transactions} spans the
 * writes of these ports (webhook events join the change they report).
 */
public record ServiceState(AccountStatePort accounts, UserIdentitiesPort identities, UserAttributesPort attributes,
                           RefreshTokenPort refreshTokens, SingleUseCodePort codes, SigningKeyPort signingKeys,
                           ConsumedTokenPort consumedTokens, PortalSessionPort portalSessions, AuditLogPort auditLog,
                           MailOutboxPort mailOutbox, ThrottleCounterPort throttleCounters,
                           Transactions transactions, WebhookEndpointPort webhookEndpoints,
                           WebhookOutboxPort webhookOutbox, EmailChangePort emailChanges,
                           SecondFactorPort secondFactors, MfaChallengePort mfaChallenges) {

    public ServiceState {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(signingKeys, "signingKeys");
        Objects.requireNonNull(consumedTokens, "consumedTokens");
        Objects.requireNonNull(portalSessions, "portalSessions");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(mailOutbox, "mailOutbox");
        Objects.requireNonNull(throttleCounters, "throttleCounters");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(webhookEndpoints, "webhookEndpoints");
        Objects.requireNonNull(webhookOutbox, "webhookOutbox");
        Objects.requireNonNull(emailChanges, "emailChanges");
        Objects.requireNonNull(secondFactors, "secondFactors");
        Objects.requireNonNull(mfaChallenges, "mfaChallenges");
    }

    /**
     * This state with another account store and transactions in front (a decorator such as an
     * instance's copy of account state); every other store stays the same.
     */
    public ServiceState withAccounts(AccountStatePort accounts, Transactions transactions) {
        return new ServiceState(accounts, identities, attributes, refreshTokens, codes, signingKeys, consumedTokens,
                portalSessions, auditLog, mailOutbox, throttleCounters, transactions, webhookEndpoints, webhookOutbox,
                emailChanges, secondFactors, mfaChallenges);
    }
}
