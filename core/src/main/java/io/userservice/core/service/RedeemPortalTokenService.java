package io.userservice.core.service;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import io.userservice.core.port.out.AccessTokenVerifier;
import io.userservice.core.port.out.ConsumedTokenPort;

final class RedeemPortalTokenService implements RedeemPortalTokenUseCase {

    private final AccessTokenVerifier verifier;
    private final ConsumedTokenPort consumedTokens;
    private final TokenHolders holders;
    private final PortalSessions sessions;
    private final AuditTrail audit;

    RedeemPortalTokenService(AccessTokenVerifier verifier, ConsumedTokenPort consumedTokens, TokenHolders holders,
                             PortalSessions sessions, AuditTrail audit) {
        this.verifier = verifier;
        this.consumedTokens = consumedTokens;
        this.holders = holders;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public PortalLogin redeem(Command command) {
        AccessTokenClaims claims = verifier.verify(command.token());
        if (!claims.portalLogin()) {
            throw new InvalidTokenException("This token cannot be used to sign in to the portal.");
        }
        User user = holders.holderOf(claims);
        Actor actor = Caller.of(claims).auditActor();
        if (!consumedTokens.consumeOnce(claims.tokenId(), claims.expiresAt())) {
            audit.record(AuditAction.PORTAL_TOKEN_REDEEMED, actor, user.id(), command.clientAddress(), Outcome.DENIED,
                    "already used");
            throw new InvalidTokenException("This sign-in link has already been used.");
        }
        audit.record(AuditAction.PORTAL_TOKEN_REDEEMED, actor, user.id(), command.clientAddress(), Outcome.SUCCESS,
                claims.isImpersonation() ? "minted on the user's behalf" : null);
        return sessions.start(user, null, null);
    }
}
