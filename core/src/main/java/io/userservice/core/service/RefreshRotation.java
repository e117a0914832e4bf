package io.userservice.core.service;

import io.userservice.core.crypto.AesGcm;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Refresh-token rotation with reuse detection, shared by the native API and the OpenID Connect
 * token endpoint. The first use of a token atomically exchanges it for a successor. A later use of
 * the same token is either a benign race (inside the grace window: the same successor is
 * returned) or a sign of theft (outside it: the whole family is revoked, so the thief and the
 * victim both have to sign in again).
 */
final class RefreshRotation {

    /** Put before the presented token when deriving the key its successor is sealed under. */
    private static final String SUCCESSOR_SEAL = "refresh-successor-seal:";

    private final RefreshTokenPort refreshTokens;
    private final Users users;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final CoreSettings settings;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;

    /**
     * A successful rotation: the token's user, the presented token and the successor in clear;
     * {@code fresh} when the successor was made now (not handed again inside the grace window).
     */
    record Rotated(User user, RefreshToken presented, String successor, Instant at, boolean fresh) {
        @Override
        public String toString() {
            return "Rotated[" + user + "]";
        }
    }

    RefreshRotation(RefreshTokenPort refreshTokens, Users users, SecretGenerator secrets, Clock clock,
                    CoreSettings settings, AuditTrail audit, Transactions transactions, WebhookEvents events) {
        this.transactions = transactions;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
        this.audit = audit;
    }

    /**
     * Rotates {@code presented} if it is a usable token whose family {@code belongs} to the caller
     * (the native API takes only its own families, a client only its grants').
     *
     * @throws InvalidRefreshTokenException for any token that cannot be rotated now
     */
    Rotated rotate(String presented, ClientAddress clientAddress, Predicate<RefreshToken> belongs) {
        return rotate(presented, clientAddress, belongs, family -> { });
    }

    /**
     * As {@link #rotate(String, String, Predicate)}, and tells {@code onTheft} the family it
     * revoked when the token turns out to be reused, inside the transaction that revokes it (so
     * what {@code onTheft} writes commits with the revocation), before the refusal is thrown.
     */
    Rotated rotate(String presented, ClientAddress clientAddress, Predicate<RefreshToken> belongs,
                   Consumer<UUID> onTheft) {
        return rotate(presented, clientAddress, belongs, onTheft, settings.refreshTokenTtl());
    }

    /**
     * As {@link #rotate(String, String, Predicate, Consumer)}, giving the successor the lifetime
     * {@code ttl} (still ending with the session) instead of the default.
     */
    Rotated rotate(String presented, ClientAddress clientAddress, Predicate<RefreshToken> belongs,
                   Consumer<UUID> onTheft, Duration ttl) {
        return rotate(presented, clientAddress, belongs, onTheft, ttl, null);
    }

    /**
     * As {@link #rotate(String, ClientAddress, Predicate, Consumer)}, and a rotation made now
     * notes, in its own transaction, the family's use by {@code usedBy} (the session's client).
     */
    Rotated rotate(String presented, ClientAddress clientAddress, Predicate<RefreshToken> belongs,
                   Consumer<UUID> onTheft, SessionClient usedBy) {
        return rotate(presented, clientAddress, belongs, onTheft, settings.refreshTokenTtl(), usedBy);
    }

    private Rotated rotate(String presented, ClientAddress clientAddress, Predicate<RefreshToken> belongs,
                           Consumer<UUID> onTheft, Duration ttl, SessionClient usedBy) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            throw new InvalidRefreshTokenException();
        }
        String hash = Digests.sha256(presented);
        RefreshToken current = refreshTokens.findByHash(hash).filter(belongs)
                .orElseThrow(InvalidRefreshTokenException::new);
        Instant now = clock.instant();
        if (!current.isUsableAt(now) || !now.isBefore(current.sessionEndsAt(settings.sessionMaxLifetime()))) {
            throw new InvalidRefreshTokenException();
        }
        RefreshToken presentedToken = current;
        User user = users.holderById(current.userId())
                .filter(u -> u.accepts(presentedToken.issuedAt(), presentedToken.epoch()))
                .orElseThrow(InvalidRefreshTokenException::new);
        if (!current.isRotated()) {
            String successor = secrets.newSecret();
            RefreshToken next = current.successor(Digests.sha256(successor), now, ttl,
                    settings.sessionMaxLifetime());
            byte[] sealed = sealedFor(presented, successor);
            if (usedBy == null ? refreshTokens.rotate(hash, next, sealed, now)
                    : refreshTokens.rotate(hash, next, sealed, now, usedBy)) {
                return new Rotated(user, presentedToken, successor, now, true);
            }
            // another request rotated it first; judge this one as a second use
            current = refreshTokens.findByHash(hash).orElseThrow(InvalidRefreshTokenException::new);
        }
        return secondUse(current, presented, user, now, clientAddress, onTheft);
    }

    private Rotated secondUse(RefreshToken token, String presented, User user, Instant now, ClientAddress clientAddress,
                              Consumer<UUID> onTheft) {
        if (token.revokedAt() == null && token.isInGraceWindow(now, settings.refreshReuseGrace())) {
            Optional<String> successor = openedWith(presented, token.sealedSuccessor());
            if (successor.isPresent()) {
                return new Rotated(user, token, successor.get(), now, false);
            }
        }
        int revoked = transactions.inTransaction(() -> {
            int count = refreshTokens.revokeFamily(token.familyId(), now);
            onTheft.accept(token.familyId());
            if (count > 0) {
                events.emit(WebhookEventType.REFRESH_TOKEN_REUSE_DETECTED, token.userId());
                events.emit(WebhookEventType.SESSION_REVOKED, token.userId(),
                        WebhookEvents.fields("reason", "refresh_token_reuse"));
            }
            return count;
        });
        audit.record(AuditAction.REFRESH_REUSE, Actor.unknown(), token.userId(), clientAddress, Outcome.DENIED,
                "revoked " + revoked + " token(s) of family " + token.familyId());
        throw new InvalidRefreshTokenException();
    }

    /** The successor sealed under a key derived from the presented token: only its holder opens it. */
    private static byte[] sealedFor(String presented, String successor) {
        return AesGcm.derivedFrom(SUCCESSOR_SEAL, presented).seal("", successor);
    }

    private static Optional<String> openedWith(String presented, byte[] sealedSuccessor) {
        return AesGcm.derivedFrom(SUCCESSOR_SEAL, presented).open("", sealedSuccessor);
    }
}
