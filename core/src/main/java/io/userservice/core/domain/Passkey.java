package io.userservice.core.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A WebAuthn credential (a passkey) registered by a user.
 *
 * @param id               the service's own identifier of the passkey, shown to its owner
 * @param userId           the owner
 * @param credentialId     the authenticator's credential id
 * @param credentialRecord what the verifier needs to check later assertions (the attested
 *                         credential data: the public key and the authenticator model), opaque
 *                         to the domain
 * @param signCount        the last signature counter the authenticator reported
 * @param name             the owner's name for it
 * @param createdAt        when it was registered
 * @param lastUsedAt       when it last signed the user in, {@code null} when never
 */
public record Passkey(String id, long userId, byte[] credentialId, byte[] credentialRecord, long signCount,
                      String name, Instant createdAt, Instant lastUsedAt) {

    /** The longest name a passkey may have, in characters. */
    public static final int MAX_NAME_LENGTH = 64;

    public Passkey {
        Objects.requireNonNull(id, "id");
        credentialId = credentialId.clone();
        credentialRecord = credentialRecord.clone();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public byte[] credentialRecord() {
        return credentialRecord.clone();
    }

    /** The credential id as WebAuthn's JSON carries it: unpadded base64url. */
    public String credentialIdText() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId);
    }

    /**
     * A passkey name as the owner typed it, trimmed; refused when empty, too long or holding
     * control characters.
     */
    public static String checkedName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("invalid_name", "name",
                    "A passkey name has 1 to " + MAX_NAME_LENGTH + " characters and no control characters.");
        }
        return trimmed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Passkey p && id.equals(p.id) && userId == p.userId
                && Arrays.equals(credentialId, p.credentialId) && Arrays.equals(credentialRecord, p.credentialRecord)
                && signCount == p.signCount && name.equals(p.name) && createdAt.equals(p.createdAt)
                && Objects.equals(lastUsedAt, p.lastUsedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, userId, Arrays.hashCode(credentialId));
    }

    @Override
    public String toString() {
        return "Passkey[id=" + id + ", user=" + userId + ", name=" + name + "]";
    }
}
