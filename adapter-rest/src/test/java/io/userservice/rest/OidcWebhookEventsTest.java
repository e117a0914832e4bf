package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.OidcGrant;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.InMemoryOidcState;
import io.userservice.core.port.StoreUnavailableException;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.out.OidcGrantPort;
import io.userservice.core.port.out.OidcState;
import io.userservice.core.settings.CoreSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenID Connect surface tells webhooks what the native API tells for the same change: a
 * revoked refresh token ends a session, a replayed code or a reused refresh token is theft that
 * ends the session; each told once, and nothing told when the change fails.
 */
class OidcWebhookEventsTest {

    private static final String EMAIL = "ann@example.com";
    private static final String PASSWORD = "correct horse battery";

    private final AtomicBoolean grantsFail = new AtomicBoolean();
    private final RestFixture api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false)
            .withRefreshReuseGrace(Duration.ZERO), builder -> builder.oidcState(failingGrants()));
    private final long annId = api.signedIn(EMAIL, PASSWORD).json().path("user").path("id").asLong();
    private final OidcRelyingParty rp = OidcRelyingParty.confidential(api);
    private final OidcBrowser browser = new OidcBrowser(api.base());
    private final String endpoint = api.core.administerWebhooks().create(Caller.operator(),
            new AdministerWebhooksUseCase.Settings("https://hooks.example.com/in", Arrays.stream(
                    WebhookEventType.values()).map(WebhookEventType::wireName).toList(), null), ClientAddress.unknown())
            .endpoint().id();

    @AfterEach
    void stop() {
        api.close();
    }

    /** The in-memory state, with grants that fail to revoke while {@link #grantsFail} is set. */
    private OidcState failingGrants() {
        OidcState memory = InMemoryOidcState.create();
        OidcGrantPort grants = memory.grants();
        return new OidcState(memory.clients(), memory.codes(), new OidcGrantPort() {
            @Override
            public void save(OidcGrant grant) {
                grants.save(grant);
            }

            @Override
            public Optional<OidcGrant> find(UUID grantId) {
                return grants.find(grantId);
            }

            @Override
            public RevokedByCode revokeByCode(String codeHash, Instant at) {
                failIfAsked();
                return grants.revokeByCode(codeHash, at);
            }

            @Override
            public boolean revoke(UUID grantId, Instant at) {
                failIfAsked();
                return grants.revoke(grantId, at);
            }

            @Override
            public int eraseUser(long userId) {
                return grants.eraseUser(userId);
            }
        }, memory.consents());
    }

    private void failIfAsked() {
        if (grantsFail.get()) {
            throw new StoreUnavailableException("the database went away", null);
        }
    }

    private record Issued(AuthorizationCode code, CodeVerifier verifier) {
    }

    private Issued aCode() {
        CodeVerifier verifier = new CodeVerifier();
        return new Issued(rp.codeFrom(rp.authorize(browser, rp.request(new Scope("openid", "email"), new State(), null,
                verifier).build(), EMAIL, PASSWORD)), verifier);
    }

    private OIDCTokenResponse redeemed(Issued issued) {
        return (OIDCTokenResponse) rp.redeem(rp.basic(), issued.code(), issued.verifier()).toSuccessResponse();
    }

    /** Oldest first, as {@code type data}. */
    private List<String> events() {
        List<WebhookDelivery> newestFirst = new ArrayList<>(api.memory.webhookOutbox().deliveriesOf(endpoint, 1000));
        Collections.reverse(newestFirst);
        return newestFirst.stream().filter(d -> d.event().userId() == annId).map(d -> d.event().type().wireName()
                + " " + d.event().payload().replaceFirst("^\\{\"type\":\"[^\"]+\",\"timestamp\":\"[^\"]+\",\"data\":",
                "").replaceFirst("}$", "")).toList();
    }

    private RestFixture.Reply revoke(String token) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((rp.clientId.getValue() + ":"
                + rp.secret.getValue()).getBytes(StandardCharsets.UTF_8));
        return api.send("POST", "/oidc/revoke", "application/x-www-form-urlencoded", "token=" + token,
                Map.of("Authorization", basic));
    }

    private String client() {
        return "\"client\":\"" + rp.clientId.getValue() + "\"";
    }

    @Test
    void revokingARefreshTokenEndsItsSessionOnceAsALogoutDoes() {
        OIDCTokenResponse tokens = redeemed(aCode());
        String refresh = tokens.getOIDCTokens().getRefreshToken().getValue();

        assertThat(revoke(refresh).status()).isEqualTo(200);
        assertThat(revoke(refresh).status()).isEqualTo(200);
        assertThat(revoke(tokens.getOIDCTokens().getAccessToken().getValue()).status()).isEqualTo(200);

        assertThat(events()).containsExactly("session.revoked {\"id\":" + annId
                + ",\"reason\":\"token_revocation\"," + client() + "}");
    }

    @Test
    void revokingByTheAccessTokenAloneEndsTheSessionToo() {
        OIDCTokenResponse tokens = redeemed(aCode());

        assertThat(revoke(tokens.getOIDCTokens().getAccessToken().getValue()).status()).isEqualTo(200);

        assertThat(events()).containsExactly("session.revoked {\"id\":" + annId
                + ",\"reason\":\"token_revocation\"," + client() + "}");
        assertThat(rp.token(rp.basic(), new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken()))
                .indicatesSuccess()).isFalse();
    }

    @Test
    void aReplayedCodeIsReuseThatEndsTheSessionItIssuedToldOnce() {
        Issued issued = aCode();
        redeemed(issued);

        assertThat(rp.redeem(rp.basic(), issued.code(), issued.verifier()).indicatesSuccess()).isFalse();
        assertThat(rp.redeem(rp.basic(), issued.code(), issued.verifier()).indicatesSuccess()).isFalse();

        assertThat(events()).containsExactly(
                "refresh_token.reuse_detected {\"id\":" + annId + "," + client() + "}",
                "session.revoked {\"id\":" + annId + ",\"reason\":\"authorization_code_reuse\"," + client() + "}");
    }

    @Test
    void aReplayOfACodeWhoseRedemptionFailedEndsNothingAndTellsNothing() {
        Issued issued = aCode();
        assertThat(rp.redeem(rp.basic(), issued.code(), new CodeVerifier()).indicatesSuccess()).isFalse();

        assertThat(rp.redeem(rp.basic(), issued.code(), issued.verifier()).indicatesSuccess()).isFalse();

        assertThat(events()).isEmpty();
    }

    @Test
    void aReusedClientRefreshTokenIsToldAsTheNativeApiTellsIt() {
        RefreshToken first = redeemed(aCode()).getOIDCTokens().getRefreshToken();
        assertThat(rp.token(rp.basic(), new RefreshTokenGrant(first)).indicatesSuccess()).isTrue();

        assertThat(rp.token(rp.basic(), new RefreshTokenGrant(first)).indicatesSuccess()).isFalse();
        assertThat(rp.token(rp.basic(), new RefreshTokenGrant(first)).indicatesSuccess()).isFalse();

        assertThat(events()).containsExactly(
                "refresh_token.reuse_detected {\"id\":" + annId + "}",
                "session.revoked {\"id\":" + annId + ",\"reason\":\"refresh_token_reuse\"}");
    }

    @Test
    void aRevocationOrAReplayThatFailsTellsNothing() {
        Issued issued = aCode();
        OIDCTokenResponse tokens = redeemed(issued);
        grantsFail.set(true);

        assertThat(revoke(tokens.getOIDCTokens().getRefreshToken().getValue()).status()).isEqualTo(503);
        assertThat(rp.redeem(rp.basic(), issued.code(), issued.verifier()).indicatesSuccess()).isFalse();

        assertThat(events()).isEmpty();
        grantsFail.set(false);
        assertThat(revoke(tokens.getOIDCTokens().getRefreshToken().getValue()).status()).isEqualTo(200);
        assertThat(events()).containsExactly("session.revoked {\"id\":" + annId
                + ",\"reason\":\"token_revocation\"," + client() + "}");
    }
}
