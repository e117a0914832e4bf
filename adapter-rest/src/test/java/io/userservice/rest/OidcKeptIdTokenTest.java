package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import io.userservice.core.crypto.KeyEncryption;
import io.userservice.core.domain.AuthorizationCode;
import io.userservice.core.memory.InMemoryOidcState;
import io.userservice.core.port.out.AuthorizationCodePort;
import io.userservice.core.port.out.OidcState;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ID token a code keeps from its authorization to its redemption: sealed with the
 * key-encryption key when one is set, handed over when it still holds, and signed afresh when it
 * cannot be used.
 */
class OidcKeptIdTokenTest {

    private static final String EMAIL = "kept@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final byte[] KEY = filled(7);
    private static final byte[] OTHER_KEY = filled(9);

    /** The code store, recording what is saved and able to change what a redemption reads. */
    private static final class Codes implements AuthorizationCodePort {
        final AuthorizationCodePort store = InMemoryOidcState.create().codes();
        final List<AuthorizationCode> saved = new ArrayList<>();
        UnaryOperator<AuthorizationCode> onRedemption = UnaryOperator.identity();

        @Override
        public void save(AuthorizationCode code) {
            saved.add(code);
            store.save(code);
        }

        @Override
        public Optional<Redemption> consume(String codeHash, Instant at) {
            return store.consume(codeHash, at)
                    .map(r -> new Redemption(onRedemption.apply(r.code()), r.firstUse()));
        }

        @Override
        public int deleteExpiredBefore(Instant before) {
            return store.deleteExpiredBefore(before);
        }

        @Override
        public int eraseUser(long userId) {
            return store.eraseUser(userId);
        }

        @Override
        public boolean wasReplayed(String codeHash) {
            return store.wasReplayed(codeHash);
        }
    }

    private final Codes codes = new Codes();
    private RestFixture api;
    private OidcRelyingParty rp;
    private OidcBrowser browser;

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    private void start(KeyEncryption encryption) {
        OidcState fresh = InMemoryOidcState.create();
        OidcState state = new OidcState(fresh.clients(), codes, fresh.grants(), fresh.consents());
        api = new RestFixture(CoreSettings.defaults().withRequireConfirmation(false),
                builder -> builder.keyEncryption(encryption).oidcState(state));
        api.signedIn(EMAIL, PASSWORD);
        rp = OidcRelyingParty.confidential(api);
        browser = new OidcBrowser(api.base());
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private IDTokenClaimsSet signInAndRedeem(Nonce nonce) {
        CodeVerifier verifier = new CodeVerifier();
        URI back = rp.authorize(browser, rp.request(new Scope("openid", "email"), new State(), nonce, verifier).build(),
                EMAIL, PASSWORD);
        TokenResponse tokens = rp.redeem(rp.basic(), rp.parse(back).toSuccessResponse().getAuthorizationCode(),
                verifier);
        assertThat(tokens.indicatesSuccess()).as(String.valueOf(tokens)).isTrue();
        OIDCTokenResponse oidc = (OIDCTokenResponse) tokens.toSuccessResponse();
        return rp.validate(oidc.getOIDCTokens().getIDToken(), nonce);
    }

    @Test
    void withAKeyEncryptionKeyTheCodeKeepsItsIdTokenSealedAndTheRedemptionOpensIt() {
        start(KeyEncryption.aesGcm(KEY));
        Nonce nonce = new Nonce();

        IDTokenClaimsSet id = signInAndRedeem(nonce);

        assertThat(codes.saved).singleElement().satisfies(code -> {
            assertThat(code.idToken()).doesNotStartWith("eyJ").doesNotContain(".");
            assertThat(code.idTokenClaims()).hasSize(43);
        });
        assertThat(id.getNonce()).isEqualTo(nonce);
        assertThat(id.getStringClaim("email")).isEqualTo(EMAIL);
        assertThat(id.getAccessTokenHash()).as("the kept token, signed before the access token").isNull();
    }

    @Test
    void withoutAKeyTheCodeKeepsTheSignedIdTokenAsItIs() {
        start(KeyEncryption.none());

        IDTokenClaimsSet id = signInAndRedeem(new Nonce());

        assertThat(codes.saved).singleElement().satisfies(code -> assertThat(code.idToken()).startsWith("eyJ"));
        assertThat(id.getAccessTokenHash()).isNull();
    }

    @Test
    void aKeptIdTokenThatNoLongerOpensIsSignedAfreshAtTheRedemption() {
        start(KeyEncryption.aesGcm(KEY));
        // as if the key-encryption key had changed between the authorization and the redemption
        codes.onRedemption = code -> new AuthorizationCode(code.codeHash(), code.clientId(), code.userId(),
                code.redirectUri(), code.codeChallenge(), code.nonce(), code.scope(), code.authTime(),
                code.sessionId(), code.epoch(), code.issuedAt(), code.expiresAt(), code.amr(),
                code.idToken() == null ? null : KeyEncryption.aesGcm(OTHER_KEY).sealCode("another", "eyJ.x.y"),
                code.idTokenClaims());
        Nonce nonce = new Nonce();

        IDTokenClaimsSet id = signInAndRedeem(nonce);

        assertThat(id.getNonce()).isEqualTo(nonce);
        assertThat(id.getAccessTokenHash()).as("signed at the redemption").isNotNull();
    }

    @Test
    void aCodeWithAnIdTokenTooLongToKeepGetsOneSignedAtTheRedemption() {
        start(KeyEncryption.aesGcm(KEY));
        Nonce nonce = new Nonce("n".repeat(2000));

        IDTokenClaimsSet id = signInAndRedeem(nonce);

        assertThat(codes.saved).singleElement().satisfies(code -> {
            assertThat(code.idToken()).isNull();
            assertThat(code.idTokenClaims()).isNull();
        });
        assertThat(id.getNonce()).isEqualTo(nonce);
        assertThat(id.getAccessTokenHash()).isNotNull();
    }
}
