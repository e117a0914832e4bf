package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static io.userservice.core.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.AuthorizationCode;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.OidcGrant;
import io.userservice.core.port.out.AuthorizationCodePort;
import io.userservice.core.port.out.OidcGrantPort;
import io.userservice.core.port.out.OidcState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store of the OpenID Connect provider's state ({@link OidcState}) must do. */
public abstract class OidcStateContract {

    private OidcState state;
    private long ann;

    /** A fresh, empty state; called before each test. */
    protected abstract OidcState newState();

    @BeforeEach
    void openStores() {
        state = newState();
        ann = aUserId();
    }

    private static OidcClient aClient(String id, String name) {
        return new OidcClient(id, "digest-of-" + id, name, List.of("https://app.example.com/cb", "http://127.0.0.1/cb"),
                List.of("https://app.example.com/bye"), Set.of("authorization_code", "refresh_token"),
                Set.of("openid", "email"), false, true, Duration.ofMinutes(5), null, T0);
    }

    private AuthorizationCode aCode(String hash) {
        return new AuthorizationCode(hash, "client-1", ann, "https://app.example.com/cb", "challenge", "n-0S6_WzA2Mj",
                "openid email", T0.minusSeconds(30), "sid-1", 3, T0, T0.plusSeconds(60));
    }

    @Test
    void aCodeKeepsHowTheUserSignedInAndAnUnknownMethodStaysUnknown() {
        AuthorizationCode base = aCode("amr-code");
        state.codes().save(new AuthorizationCode(base.codeHash(), base.clientId(), base.userId(), base.redirectUri(),
                base.codeChallenge(), base.nonce(), base.scope(), base.authTime(), base.sessionId(), base.epoch(),
                base.issuedAt(), base.expiresAt(), "pwd otp"));
        state.codes().save(aCode("no-amr-code"));

        assertThat(state.codes().consume("amr-code", T0).orElseThrow().code().amr()).isEqualTo("pwd otp");
        assertThat(state.codes().consume("no-amr-code", T0).orElseThrow().code().amr()).isNull();
    }

    @Test
    void aClientIsStoredWithEveryFieldAndFoundOnlyByItsExactId() {
        OidcClient client = aClient("client-1", "Wiki");

        state.clients().create(client);

        OidcClient found = state.clients().find("client-1").orElseThrow();
        assertThat(found.secretDigest()).isEqualTo("digest-of-client-1");
        assertThat(found.name()).isEqualTo("Wiki");
        assertThat(found.redirectUris()).containsExactly("https://app.example.com/cb", "http://127.0.0.1/cb");
        assertThat(found.postLogoutRedirectUris()).containsExactly("https://app.example.com/bye");
        assertThat(found.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(found.scopes()).containsExactlyInAnyOrder("openid", "email");
        assertThat(found.publicClient()).isFalse();
        assertThat(found.requireConsent()).isTrue();
        assertThat(found.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(found.refreshTokenTtl()).isNull();
        assertThat(millis(found.createdAt())).isEqualTo(millis(T0));
        assertThat(state.clients().find("CLIENT-1")).isEmpty();
        assertThat(state.clients().find("client-")).isEmpty();
    }

    @Test
    void clientsAreListedByNameUpdatedAndDeleted() {
        state.clients().create(aClient("b", "Zeta"));
        state.clients().create(aClient("a", "Alpha"));

        assertThat(state.clients().list()).extracting(OidcClient::clientId).containsExactly("a", "b");
        assertThat(state.clients().update(aClient("a", "Alpha").withSecretDigest("new-digest"))).isTrue();
        assertThat(state.clients().find("a").orElseThrow().secretDigest()).isEqualTo("new-digest");
        assertThat(state.clients().update(aClient("nobody", "X"))).isFalse();
        assertThat(state.clients().delete("a")).isTrue();
        assertThat(state.clients().delete("a")).isFalse();
        assertThat(state.clients().list()).extracting(OidcClient::clientId).containsExactly("b");
    }

    @Test
    void aPublicClientHasNoSecret() {
        OidcClient app = new OidcClient("app", null, "App", List.of("com.example.app:/cb"), List.of(),
                Set.of("authorization_code"), Set.of("openid"), true, false, null, null, T0);
        state.clients().create(app);

        assertThat(state.clients().find("app").orElseThrow().secretDigest()).isNull();
        assertThat(state.clients().find("app").orElseThrow().publicClient()).isTrue();
    }

    @Test
    void aCodeIsRedeemedOnceWithEveryFieldAndEveryLaterUseIsAReplay() {
        state.codes().save(aCode("code-1"));

        AuthorizationCodePort.Redemption first = state.codes().consume("code-1", T0.plusSeconds(1)).orElseThrow();
        assertThat(first.firstUse()).isTrue();
        assertThat(state.codes().wasReplayed("code-1")).isFalse();
        AuthorizationCode code = first.code();
        assertThat(code.clientId()).isEqualTo("client-1");
        assertThat(code.userId()).isEqualTo(ann);
        assertThat(code.redirectUri()).isEqualTo("https://app.example.com/cb");
        assertThat(code.codeChallenge()).isEqualTo("challenge");
        assertThat(code.nonce()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(code.scope()).isEqualTo("openid email");
        assertThat(millis(code.authTime())).isEqualTo(millis(T0.minusSeconds(30)));
        assertThat(code.sessionId()).isEqualTo("sid-1");
        assertThat(code.epoch()).isEqualTo(3);
        assertThat(millis(code.expiresAt())).isEqualTo(millis(T0.plusSeconds(60)));

        AuthorizationCodePort.Redemption second = state.codes().consume("code-1", T0.plusSeconds(2)).orElseThrow();
        assertThat(second.firstUse()).isFalse();
        assertThat(state.codes().wasReplayed("code-1")).isTrue();
        assertThat(state.codes().consume("unknown", T0)).isEmpty();
    }

    private AuthorizationCode aCodeWithIdToken(String hash) {
        AuthorizationCode base = aCode(hash);
        return new AuthorizationCode(base.codeHash(), base.clientId(), base.userId(), base.redirectUri(),
                base.codeChallenge(), base.nonce(), base.scope(), base.authTime(), base.sessionId(), base.epoch(),
                base.issuedAt(), base.expiresAt(), "pwd", "eyJ.id-token-of-" + hash + ".sig", "digest-of-" + hash);
    }

    @Test
    void theIdTokenOfACodeGoesToItsFirstUseOnlyAndIsNotKeptAfter() {
        state.codes().save(aCodeWithIdToken("with-token"));
        state.codes().save(aCode("without-token"));

        AuthorizationCode first = state.codes().consume("with-token", T0.plusSeconds(1)).orElseThrow().code();
        assertThat(first.idToken()).isEqualTo("eyJ.id-token-of-with-token.sig");
        assertThat(first.idTokenClaims()).isEqualTo("digest-of-with-token");
        AuthorizationCodePort.Redemption replay = state.codes().consume("with-token", T0.plusSeconds(2)).orElseThrow();
        assertThat(replay.firstUse()).isFalse();
        assertThat(replay.code().idToken()).isNull();
        assertThat(replay.code().idTokenClaims()).isNull();
        assertThat(replay.code().nonce()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(state.codes().consume("without-token", T0.plusSeconds(1)).orElseThrow().code().idToken()).isNull();
    }

    @Test
    void ofRacingRedemptionsOnlyTheFirstUseGetsTheIdToken() {
        state.codes().save(aCodeWithIdToken("raced-token"));

        List<Race.Outcome<AuthorizationCodePort.Redemption>> outcomes = Race.run(Race.RACERS,
                i -> state.codes().consume("raced-token", T0.plusSeconds(1)).orElseThrow());

        assertThat(Race.winners(outcomes)).hasSize(Race.RACERS);
        assertThat(Race.winners(outcomes)).filteredOn(AuthorizationCodePort.Redemption::firstUse).singleElement()
                .satisfies(won -> assertThat(won.code().idToken()).isEqualTo("eyJ.id-token-of-raced-token.sig"));
        assertThat(Race.winners(outcomes)).filteredOn(r -> !r.firstUse())
                .allSatisfy(lost -> assertThat(lost.code().idToken()).isNull());
    }

    @Test
    void codesThatExpiredBeforeAMomentArePurgedUsedOrNotAndOthersStay() {
        state.codes().save(aCode("used"));
        state.codes().consume("used", T0.plusSeconds(1));
        state.codes().save(aCode("unused"));
        state.codes().save(new AuthorizationCode("later", "client-1", ann, "https://app.example.com/cb", null, null,
                "openid", T0, null, 0, T0, T0.plusSeconds(3600)));

        assertThat(state.codes().deleteExpiredBefore(T0.plusSeconds(61))).isEqualTo(2);

        assertThat(state.codes().consume("used", T0.plusSeconds(62))).isEmpty();
        assertThat(state.codes().consume("unused", T0.plusSeconds(62))).isEmpty();
        assertThat(state.codes().consume("later", T0.plusSeconds(62)).orElseThrow().firstUse()).isTrue();
        assertThat(state.codes().deleteExpiredBefore(T0.plusSeconds(61))).isZero();
    }

    @Test
    void racingRedemptionsOfOneCodeHaveExactlyOneFirstUse() {
        state.codes().save(aCode("raced"));

        List<Race.Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> state.codes().consume("raced", T0.plusSeconds(1)).orElseThrow().firstUse());

        assertThat(Race.winners(outcomes)).hasSize(Race.RACERS);
        assertThat(Race.winners(outcomes).stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
        assertThat(state.codes().wasReplayed("raced")).isTrue();
    }

    @Test
    void grantsAreFoundAndRevokedByCodeOrOneByOne() {
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        state.grants().save(new OidcGrant(one, "client-1", ann, "openid", "code-1", T0, null));
        state.grants().save(new OidcGrant(two, "client-1", ann, "openid", "code-1", T0, null));
        state.grants().save(new OidcGrant(other, "client-1", ann, "openid email", "code-2", T0, null));

        OidcGrant found = state.grants().find(other).orElseThrow();
        assertThat(found.clientId()).isEqualTo("client-1");
        assertThat(found.userId()).isEqualTo(ann);
        assertThat(found.scope()).isEqualTo("openid email");
        assertThat(found.isRevoked()).isFalse();

        OidcGrantPort.RevokedByCode revoked = state.grants().revokeByCode("code-1", T0.plusSeconds(5));
        assertThat(revoked.grants()).extracting(OidcGrant::grantId).containsExactlyInAnyOrder(one, two);
        assertThat(revoked.revokedNow()).isEqualTo(2);
        OidcGrantPort.RevokedByCode again = state.grants().revokeByCode("code-1", T0.plusSeconds(6));
        assertThat(again.grants()).extracting(OidcGrant::grantId).containsExactlyInAnyOrder(one, two);
        assertThat(again.revokedNow()).isZero();
        assertThat(millis(state.grants().find(one).orElseThrow().revokedAt())).isEqualTo(millis(T0.plusSeconds(5)));
        assertThat(state.grants().find(other).orElseThrow().isRevoked()).isFalse();

        assertThat(state.grants().revoke(other, T0.plusSeconds(6))).isTrue();
        assertThat(state.grants().revoke(other, T0.plusSeconds(7))).isFalse();
        assertThat(state.grants().find(other).orElseThrow().isRevoked()).isTrue();
        assertThat(state.grants().find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void consentsAddUpPerUserAndClient() {
        long bob = aUserId();
        assertThat(state.consents().granted(ann, "client-1")).isEmpty();

        state.consents().grant(ann, "client-1", Set.of("openid"));
        state.consents().grant(ann, "client-1", Set.of("openid", "email"));
        state.consents().grant(bob, "client-2", Set.of("profile"));

        assertThat(state.consents().granted(ann, "client-1")).containsExactlyInAnyOrder("openid", "email");
        assertThat(state.consents().granted(ann, "client-2")).isEmpty();
        assertThat(state.consents().granted(bob, "client-2")).containsExactly("profile");
    }

    @Test
    void erasingAUserRemovesTheirCodesGrantsAndConsentsAndNobodyElses() {
        long bob = aUserId();
        state.codes().save(aCode("ann-unused"));
        state.codes().save(aCode("ann-used"));
        state.codes().consume("ann-used", T0.plusSeconds(1));
        state.codes().save(new AuthorizationCode("bob-code", "client-1", bob, "https://app.example.com/cb", null, null,
                "openid", T0, null, 0, T0, T0.plusSeconds(60)));
        UUID annLive = UUID.randomUUID();
        UUID annRevoked = UUID.randomUUID();
        UUID bobs = UUID.randomUUID();
        state.grants().save(new OidcGrant(annLive, "client-1", ann, "openid", "ann-used", T0, null));
        state.grants().save(new OidcGrant(annRevoked, "client-2", ann, "openid", null, T0, T0.plusSeconds(1)));
        state.grants().save(new OidcGrant(bobs, "client-1", bob, "openid", "bob-code", T0, null));
        state.consents().grant(ann, "client-1", Set.of("openid", "email"));
        state.consents().grant(ann, "client-2", Set.of("profile"));
        state.consents().grant(bob, "client-1", Set.of("openid"));

        assertThat(state.codes().eraseUser(ann)).isEqualTo(2);
        assertThat(state.grants().eraseUser(ann)).isEqualTo(2);
        assertThat(state.consents().eraseUser(ann)).isEqualTo(3);

        assertThat(state.codes().consume("ann-unused", T0.plusSeconds(2))).isEmpty();
        assertThat(state.codes().consume("ann-used", T0.plusSeconds(2))).isEmpty();
        assertThat(state.grants().find(annLive)).isEmpty();
        assertThat(state.grants().find(annRevoked)).isEmpty();
        assertThat(state.grants().revokeByCode("ann-used", T0.plusSeconds(2)).grants()).isEmpty();
        assertThat(state.consents().granted(ann, "client-1")).isEmpty();
        assertThat(state.consents().granted(ann, "client-2")).isEmpty();
        assertThat(state.codes().consume("bob-code", T0.plusSeconds(2)).orElseThrow().firstUse()).isTrue();
        assertThat(state.grants().find(bobs)).isPresent();
        assertThat(state.consents().granted(bob, "client-1")).containsExactly("openid");
        assertThat(state.codes().eraseUser(ann) + state.grants().eraseUser(ann) + state.consents().eraseUser(ann))
                .isZero();
    }
}
