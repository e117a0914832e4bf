package io.userservice.core.service;

import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.RefreshOutcome;
import java.util.concurrent.atomic.AtomicReference;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.out.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Refresh-token rotation with reuse detection. The first use of a token atomically exchanges it
 * for a successor. A later use of the same token is either a benign race (inside the grace
 * window: the same successor is returned) or a sign of theft (outside it: the whole family is
 * revoked, so the thief and the victim both have to sign in again).
 */
final class RefreshTokensService implements RefreshTokensUseCase {

    private final RefreshTokenPort refreshTokens;
    private final Users users;
    private final TokenIssuance tokens;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final CoreSettings settings;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final WebhookEvents events;
    private final ServiceObserver observer;

    RefreshTokensService(RefreshTokenPort refreshTokens, Users users, TokenIssuance tokens,
                         SecretGenerator secrets, Clock clock, CoreSettings settings, AuditTrail audit,
                         Transactions transactions, WebhookEvents events, ServiceObserver observer) {
        this.transactions = transactions;
        this.events = events;
        this.observer = observer;
        this.audit = audit;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.tokens = tokens;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public TokenPair refresh(Command command) {
        AtomicReference<RefreshOutcome> outcome = new AtomicReference<>(RefreshOutcome.INVALID);
        try {
            TokenPair pair = exchange(command, outcome);
            outcome.set(RefreshOutcome.SUCCESS);
            return pair;
        } finally {
            observer.refresh(outcome.get());
        }
    }

    private TokenPair exchange(Command command, AtomicReference<RefreshOutcome> outcome) {
        String presented = command.refreshToken();
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            throw new InvalidRefreshTokenException();
        }
        String hash = Digests.sha256(presented);
        RefreshToken current = refreshTokens.findByHash(hash).orElseThrow(InvalidRefreshTokenException::new);
        Instant now = clock.instant();
        if (!current.isUsableAt(now) || !now.isBefore(current.sessionEndsAt(settings.sessionMaxLifetime()))) {
            throw new InvalidRefreshTokenException();
        }
        RefreshToken presentedToken = current;
        User user = users.byId(current.userId())
                .filter(u -> u.accepts(presentedToken.issuedAt(), presentedToken.epoch()))
                .orElseThrow(InvalidRefreshTokenException::new);
        if (!current.isRotated()) {
            String successor = secrets.newSecret();
            RefreshToken next = current.successor(Digests.sha256(successor), now, settings.refreshTokenTtl(),
                    settings.sessionMaxLifetime());
            if (refreshTokens.rotate(hash, next, Digests.seal(presented, successor), now)) {
                observer.tokenIssued(ServiceObserver.TokenKind.REFRESH);
                return tokens.withAccessToken(user, now, successor);
            }
            // another request rotated it first; judge this one as a second use
            current = refreshTokens.findByHash(hash).orElseThrow(InvalidRefreshTokenException::new);
        }
        return secondUse(current, presented, user, now, command.clientAddress(), outcome);
    }

    private TokenPair secondUse(RefreshToken token, String presented, User user, Instant now,
                                String clientAddress, AtomicReference<RefreshOutcome> outcome) {
        if (token.revokedAt() == null && token.isInGraceWindow(now, settings.refreshReuseGrace())) {
            Optional<String> successor = Digests.open(presented, token.sealedSuccessor());
            if (successor.isPresent()) {
                return tokens.withAccessToken(user, now, successor.get());
            }
        }
        int revoked = transactions.inTransaction(() -> {
            int count = refreshTokens.revokeFamily(token.familyId(), now);
            if (count > 0) {
                events.emit(WebhookEventType.REFRESH_TOKEN_REUSE_DETECTED, token.userId());
                events.emit(WebhookEventType.SESSION_REVOKED, token.userId(),
                        WebhookEvents.fields("reason", "refresh_token_reuse"));
            }
            return count;
        });
        outcome.set(RefreshOutcome.REUSE_DETECTED);
        audit.record(AuditEvent.REFRESH_REUSE, null, token.userId(), clientAddress, AuditEvent.DENIED,
                "revoked " + revoked + " token(s) of family " + token.familyId());
        throw new InvalidRefreshTokenException();
    }
}
