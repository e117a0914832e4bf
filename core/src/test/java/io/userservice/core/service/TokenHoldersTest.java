package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.OidcGrant;
import io.userservice.core.memory.InMemoryOidcState;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.OidcState;
import io.userservice.core.port.out.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A token issued to a client speaks for its user only through a live grant: one that exists, is
 * not revoked, was given by this very user to this very client, and whose client is still
 * registered. A grant id that is no grant id at all refuses the token as well.
 */
class TokenHoldersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String HASH = "$2a$04$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";

    private final ServiceState state = InMemoryServiceState.create();
    private final OidcState oidc = InMemoryOidcState.create();
    private final InMemoryUserDirectory directory = new InMemoryUserDirectory(new BcryptPasswordHasher(4));
    private final Users users = new Users(directory, state.accounts(), state.identities());
    private final TokenHolders holders = new TokenHolders(users, oidc.grants(), oidc.clients());
    private final DirectoryUser ann = registered("ann@example.com");
    private final DirectoryUser bob = registered("bob@example.com");
    private final UUID annsGrant = UUID.randomUUID();

    TokenHoldersTest() {
        client("app");
        client("other");
        oidc.grants().save(new OidcGrant(annsGrant, "app", ann.id(), "openid", "code-hash", NOW, null));
    }

    private DirectoryUser registered(String email) {
        return directory.register(new NewDirectoryUser(UUID.randomUUID(), Email.of(email), HASH, "Given", null, "en",
                true, NOW.minus(Duration.ofDays(1))));
    }

    private void client(String clientId) {
        oidc.clients().create(new OidcClient(clientId, null, "App " + clientId, List.of("https://app.example.com/cb"),
                List.of(), Set.of("authorization_code"), Set.of("openid"), true, false, Duration.ofMinutes(5),
                Duration.ofDays(1), NOW));
    }

    private AccessTokenClaims claims(DirectoryUser user, String clientId, String grantId) {
        long epoch = users.byId(user.id()).orElseThrow().credentialEpoch();
        return new AccessTokenClaims(user.id(), user.email().value(), Set.of(), "token-id", NOW,
                NOW.plus(Duration.ofMinutes(5)), false, null, epoch, 0, clientId, "openid", grantId);
    }

    private void assertRefused(AccessTokenClaims claims) {
        assertThatThrownBy(() -> holders.holderOf(claims)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("The access token is no longer valid.");
    }

    @Test
    void aGrantIdThatIsNoUuidRefusesTheToken() {
        assertRefused(claims(ann, "app", "not-a-grant"));
        assertRefused(claims(ann, "app", ""));
    }

    @Test
    void aGrantOfAnotherUserRefusesTheToken() {
        assertRefused(claims(bob, "app", annsGrant.toString()));
    }

    @Test
    void aGrantOfAnotherClientRefusesTheToken() {
        assertRefused(claims(ann, "other", annsGrant.toString()));
    }

    @Test
    void anUnknownOrRevokedGrantRefusesTheToken() {
        assertRefused(claims(ann, "app", UUID.randomUUID().toString()));

        oidc.grants().revoke(annsGrant, NOW);
        assertRefused(claims(ann, "app", annsGrant.toString()));
    }

    @Test
    void aDeletedClientRefusesTheTokensOfItsLiveGrants() {
        oidc.clients().delete("app");

        assertRefused(claims(ann, "app", annsGrant.toString()));
    }

    @Test
    void aLiveGrantOfThisUserToThisClientLetsTheTokenSpeakForTheUser() {
        assertThat(holders.holderOf(claims(ann, "app", annsGrant.toString())).id()).isEqualTo(ann.id());
    }

    @Test
    void aTokenOfNoClientNeedsNoGrant() {
        assertThat(holders.holderOf(claims(ann, null, null)).id()).isEqualTo(ann.id());
    }
}
