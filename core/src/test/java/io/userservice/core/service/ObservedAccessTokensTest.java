package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.TokenKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every access token issued is counted once, by its kind: a portal-capable token as {@code portal},
 * a token minted on someone's behalf as {@code impersonation}, every other one as {@code access};
 * the token itself and the key set are the signer's, unchanged.
 */
class ObservedAccessTokensTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(300);

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");
    private final List<TokenKind> counted = new ArrayList<>();
    private final ObservedAccessTokens tokens = new ObservedAccessTokens(new NamingIssuer(), new ServiceObserver() {
        @Override
        public void tokenIssued(TokenKind kind) {
            counted.add(kind);
        }
    });

    @Test
    void aPortalCapableTokenIsCountedAsPortal() {
        assertThat(tokens.issue(ann, NOW, LATER, true)).isEqualTo("portal:" + ann.id());
        assertThat(counted).containsExactly(TokenKind.PORTAL);
    }

    @Test
    void aPlainTokenIsCountedAsAccess() {
        assertThat(tokens.issue(ann, NOW, LATER, false)).isEqualTo("plain:" + ann.id());
        assertThat(counted).containsExactly(TokenKind.ACCESS);
    }

    @Test
    void aTokenFromASignInIsCountedAsAccess() {
        assertThat(tokens.issueAtSignIn(ann, NOW, LATER)).isEqualTo("signin:" + ann.id());
        assertThat(counted).containsExactly(TokenKind.ACCESS);
    }

    @Test
    void aTokenMintedOnSomeonesBehalfIsCountedAsImpersonation() {
        assertThat(tokens.issueOnBehalf(ann, bob, NOW, LATER)).isEqualTo("behalf:" + ann.id() + ":" + bob.id());
        assertThat(counted).containsExactly(TokenKind.IMPERSONATION);
    }

    @Test
    void aTokenForAnOidcClientIsCountedAsAccess() {
        assertThat(tokens.issueForClient(ann, "crm", "openid", "g1", NOW, LATER))
                .isEqualTo("client:" + ann.id() + ":crm:openid:g1");
        assertThat(counted).containsExactly(TokenKind.ACCESS);
    }

    @Test
    void theKeySetIsTheSignersAndCountsNothing() {
        assertThat(tokens.publicKeySetJson()).isEqualTo("{\"keys\":[\"k1\"]}");
        assertThat(counted).isEmpty();
    }

    @Test
    void eachTokenIsCountedOnceInTheOrderIssued() {
        tokens.issueAtSignIn(ann, NOW, LATER);
        tokens.issueOnBehalf(bob, ann, NOW, LATER);
        tokens.issue(bob, NOW, LATER, true);

        assertThat(counted).containsExactly(TokenKind.ACCESS, TokenKind.IMPERSONATION, TokenKind.PORTAL);
    }

    /** Signs nothing: each "token" names the method that made it and what it was given. */
    private static final class NamingIssuer implements AccessTokenIssuer {

        @Override
        public String issue(User user, Instant issuedAt, Instant expiresAt, boolean portalLogin) {
            return (portalLogin ? "portal:" : "plain:") + user.id();
        }

        @Override
        public String issueAtSignIn(User user, Instant issuedAt, Instant expiresAt) {
            return "signin:" + user.id();
        }

        @Override
        public String issueOnBehalf(User subject, User actor, Instant issuedAt, Instant expiresAt) {
            return "behalf:" + subject.id() + ":" + actor.id();
        }

        @Override
        public String issueForClient(User user, String clientId, String scope, String grantId, Instant issuedAt,
                                     Instant expiresAt) {
            return "client:" + user.id() + ":" + clientId + ":" + scope + ":" + grantId;
        }

        @Override
        public String publicKeySetJson() {
            return "{\"keys\":[\"k1\"]}";
        }
    }
}
