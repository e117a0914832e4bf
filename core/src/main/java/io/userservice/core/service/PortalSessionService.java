package io.userservice.core.service;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.PortalSession;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.PortalSessionUseCases;
import io.userservice.core.port.out.AccessTokenVerifier;
import io.userservice.core.port.out.ConsumedTokenPort;
import io.userservice.core.port.out.PortalSessionPort;
import io.userservice.core.port.out.SecretGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The portal's sessions. The four operations share how a session is started and looked up, so
 * they live together.
 */
final class PortalSessionService implements PortalSessionUseCases {

    private final AccessTokenVerifier verifier;
    private final ConsumedTokenPort consumedTokens;
    private final PortalSessionPort sessions;
    private final Users users;
    private final TokenHolders holders;
    private final Credentials credentials;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final CoreSettings settings;
    private final AuditTrail audit;

    PortalSessionService(AccessTokenVerifier verifier, ConsumedTokenPort consumedTokens, PortalSessionPort sessions,
                         Users users, Credentials credentials, SecretGenerator secrets, Clock clock,
                         CoreSettings settings, AuditTrail audit) {
        this.audit = audit;
        this.verifier = verifier;
        this.consumedTokens = consumedTokens;
        this.sessions = sessions;
        this.users = users;
        this.holders = new TokenHolders(users);
        this.credentials = credentials;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public PortalLogin redeem(String token, String clientAddress) {
        AccessTokenClaims claims = verifier.verify(token);
        if (!claims.portalLogin()) {
            throw new InvalidTokenException("This token cannot be used to sign in to the portal.");
        }
        User user = holders.holderOf(claims);
        if (!consumedTokens.consumeOnce(claims.tokenId(), claims.expiresAt())) {
            audit.record(AuditEvent.PORTAL_TOKEN_REDEEMED, Caller.of(claims).realActor(), user.id(), clientAddress,
                    AuditEvent.DENIED, "already used");
            throw new InvalidTokenException("This sign-in link has already been used.");
        }
        audit.record(AuditEvent.PORTAL_TOKEN_REDEEMED, Caller.of(claims).realActor(), user.id(), clientAddress,
                AuditEvent.SUCCESS, claims.isImpersonation() ? "minted on the user's behalf" : null);
        return start(user, null);
    }

    @Override
    public PortalLogin signIn(String email, String password, String clientAddress, String deviceToken) {
        Credentials.Verified verified = credentials.verifyOnDevice(email, password, clientAddress, deviceToken);
        return start(verified.user(), verified.deviceToken());
    }

    @Override
    public Optional<User> currentUser(String sessionSecret) {
        if (!isPlausible(sessionSecret)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return sessions.find(Digests.sha256(sessionSecret))
                .filter(session -> session.isActiveAt(now))
                .flatMap(session -> users.byId(session.userId())
                        .filter(user -> user.accepts(session.createdAt(), session.epoch())));
    }

    @Override
    public void signOut(String sessionSecret) {
        if (isPlausible(sessionSecret)) {
            sessions.end(Digests.sha256(sessionSecret), clock.instant());
        }
    }

    private PortalLogin start(User user, String deviceToken) {
        Instant now = clock.instant();
        String secret = secrets.newSecret();
        Instant expiresAt = now.plus(settings.portalSessionTtl());
        sessions.create(new PortalSession(Digests.sha256(secret), user.id(), now, expiresAt,
                user.credentialEpoch()));
        return new PortalLogin(user, secret, expiresAt, deviceToken);
    }

    private static boolean isPlausible(String sessionSecret) {
        return sessionSecret != null && !sessionSecret.isEmpty() && sessionSecret.length() <= 256;
    }
}
