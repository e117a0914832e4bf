package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemorySigningKeys;
import io.userservice.core.port.out.SigningKeyPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/** What the access tokens carry, and the claims a token signed with a real key must still get right. */
class JoseAccessTokensClaimsTest {

    private static final String ISSUER = "https://id.example.com";

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemorySigningKeys keyStore = new InMemorySigningKeys();
    private final JoseAccessTokens tokens = new JoseAccessTokens(keyStore, clock, ISSUER, "api");
    private final User jane = new User(7, "7", UUID.randomUUID(), Email.of("jane@example.com"), "Jane", "Doe", "de", 3,
            Set.of(Role.USER_EDIT, Role.ADMIN), true, clock.instant(), clock.instant(), null, null, 4);
    private final User operator = new User(9, "9", UUID.randomUUID(), Email.of("op@example.com"), null, null, "en", 0,
            Set.of(Role.ADMIN), true, clock.instant(), clock.instant(), null, null, 2);

    private Instant now() {
        return clock.instant();
    }

    @Test
    void aTokenCarriesTheUserAndTheRegisteredClaims() {
        clock.advance(Duration.ofMillis(123));
        String token = tokens.issue(jane, now(), now().plus(Duration.ofMinutes(15)));

        Map<String, Object> payload = payload(token);
        assertThat(payload).containsEntry("iss", ISSUER).containsEntry("aud", "api").containsEntry("sub", "7")
                .containsEntry("id", 7L).containsEntry("email", "jane@example.com")
                .containsEntry("firstname", "Jane").containsEntry("lastname", "Doe").containsEntry("language", "de")
                .containsEntry("permissionLevel", 3L).containsEntry("roles", List.of("admin", "user-edit"))
                .containsEntry("epoch", 4L).containsEntry("iat_ms", now().toEpochMilli())
                .containsEntry("iat", now().getEpochSecond()).containsEntry("nbf", now().getEpochSecond())
                .containsEntry("exp", now().plus(Duration.ofMinutes(15)).getEpochSecond())
                .containsKey("jti").doesNotContainKeys("portal_login", "act", "client_id", "scope", "grant_id");
        assertThat(header(token)).containsEntry("typ", "at+jwt").containsEntry("alg", "RS256")
                .containsEntry("kid", keyStore.findAll().get(0).keyId());
    }

    @Test
    void verifyingGivesBackWhatWasIssued() {
        clock.advance(Duration.ofMillis(123));
        Instant issuedAt = now();
        AccessTokenClaims claims = tokens.verify(tokens.issue(jane, issuedAt, issuedAt.plus(Duration.ofMinutes(15))));

        assertThat(claims.userId()).isEqualTo(7);
        assertThat(claims.email()).isEqualTo("jane@example.com");
        assertThat(claims.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.USER_EDIT);
        assertThat(claims.issuedAt()).isEqualTo(issuedAt);
        assertThat(claims.expiresAt()).isEqualTo(Instant.ofEpochSecond(issuedAt.plus(Duration.ofMinutes(15))
                .getEpochSecond()));
        assertThat(claims.portalLogin()).isFalse();
        assertThat(claims.actorId()).isNull();
        assertThat(claims.epoch()).isEqualTo(4);
        assertThat(claims.actorEpoch()).isZero();
        assertThat(claims.clientId()).isNull();
        assertThat(claims.scope()).isNull();
        assertThat(claims.grantId()).isNull();
    }

    @Test
    void aPortalLoginTokenSaysSo() {
        String token = tokens.issue(jane, now(), now().plus(Duration.ofMinutes(5)), true);

        assertThat(payload(token)).containsEntry("portal_login", true);
        assertThat(tokens.verify(token).portalLogin()).isTrue();
    }

    @Test
    void aTokenMintedOnBehalfNamesTheActor() {
        String token = tokens.issueOnBehalf(jane, operator, now(), now().plus(Duration.ofMinutes(5)));

        assertThat(payload(token)).containsEntry("act", Map.of("sub", "9", "email", "op@example.com", "epoch", 2L))
                .containsEntry("portal_login", true);
        AccessTokenClaims claims = tokens.verify(token);
        assertThat(claims.userId()).isEqualTo(7);
        assertThat(claims.actorId()).isEqualTo(9L);
        assertThat(claims.actorEpoch()).isEqualTo(2);
        assertThat(claims.epoch()).isEqualTo(4);
        assertThat(claims.isImpersonation()).isTrue();
    }

    @Test
    void aClientsTokenNamesTheClientScopeAndGrant() {
        String token = tokens.issueForClient(jane, "shop", "openid email", "grant-1", now(),
                now().plus(Duration.ofMinutes(5)));

        assertThat(payload(token)).containsEntry("client_id", "shop").containsEntry("scope", "openid email")
                .containsEntry("grant_id", "grant-1").doesNotContainKey("portal_login");
        AccessTokenClaims claims = tokens.verify(token);
        assertThat(claims.clientId()).isEqualTo("shop");
        assertThat(claims.scope()).isEqualTo("openid email");
        assertThat(claims.grantId()).isEqualTo("grant-1");
        assertThat(claims.portalLogin()).isFalse();
    }

    @Test
    void aClientsTokenNeedsAClientAndAGrant() {
        Instant exp = now().plus(Duration.ofMinutes(5));
        for (String blank : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> tokens.issueForClient(jane, blank, "openid", "grant-1", now(), exp))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("clientId is required");
            assertThatThrownBy(() -> tokens.issueForClient(jane, "shop", "openid", blank, now(), exp))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("grantId is required");
        }
    }

    @Test
    void theIssuerAndAudienceAreRequired() {
        for (String blank : new String[] {null, "", " "}) {
            assertThatThrownBy(() -> new JoseAccessTokens(keyStore, clock, blank, "api"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("issuer is required");
            assertThatThrownBy(() -> new JoseAccessTokens(keyStore, clock, ISSUER, blank))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("audience is required");
        }
    }

    @Test
    void aTokenVerifiedOnceIsRefusedWhenItExpiresLater() {
        String token = tokens.issue(jane, now(), now().plus(Duration.ofMinutes(15)));
        assertThat(tokens.verify(token).userId()).isEqualTo(7);

        clock.advance(Duration.ofMinutes(16));

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("The access token has expired.");
    }

    @Test
    void anIdClaimThatIsNotTheSubjectIsRefused() {
        JwtClaims otherId = validClaims();
        otherId.setClaim("id", 8);
        JwtClaims textId = validClaims();
        textId.setClaim("id", "7");
        JwtClaims noId = validClaims();
        noId.unsetClaim("id");
        JwtClaims textSubject = validClaims();
        textSubject.setSubject("jane");

        for (JwtClaims claims : List.of(otherId, textId, noId, textSubject)) {
            assertRefused(claims);
        }
    }

    @Test
    void aTokenWithoutRolesHasNone() {
        assertThat(tokens.verify(sign(validClaims())).roles()).isEmpty();
    }

    @Test
    void aTokenLivesNoLongerThanTheLongestLifetimePlusASecond() {
        JwtClaims longest = validClaims();
        longest.setExpirationTime(NumericDate.fromSeconds(now().getEpochSecond() + 86_401));
        JwtClaims tooLong = validClaims();
        tooLong.setExpirationTime(NumericDate.fromSeconds(now().getEpochSecond() + 86_402));

        assertThat(tokens.verify(sign(longest)).userId()).isEqualTo(7);
        assertRefused(tooLong);
    }

    @Test
    void aTokenIssuedAsLongAgoAsTheLongestLifetimeStillVerifiesWhileUnexpired() {
        JwtClaims old = validClaims();
        old.setIssuedAt(NumericDate.fromSeconds(now().getEpochSecond() - 86_390));
        old.setNotBefore(NumericDate.fromSeconds(now().getEpochSecond() - 86_390));
        old.setExpirationTime(NumericDate.fromSeconds(now().getEpochSecond() + 10));
        JwtClaims older = validClaims();
        older.setIssuedAt(NumericDate.fromSeconds(now().getEpochSecond() - 86_431));
        older.setNotBefore(NumericDate.fromSeconds(now().getEpochSecond() - 86_431));
        older.setExpirationTime(NumericDate.fromSeconds(now().getEpochSecond() - 20));

        assertThat(tokens.verify(sign(old)).userId()).isEqualTo(7);
        String tooOld = sign(older);
        assertThatThrownBy(() -> tokens.verify(tooOld)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenJustExpiredWithinTheClockSkewIsAcceptedUpToTheLongestLifetimePlusTheSkewsOfAge() {
        JwtClaims justExpired = validClaims();
        justExpired.setIssuedAt(NumericDate.fromSeconds(now().getEpochSecond() - 86_420));
        justExpired.setNotBefore(NumericDate.fromSeconds(now().getEpochSecond() - 86_420));
        justExpired.setExpirationTime(NumericDate.fromSeconds(now().getEpochSecond() - 19));

        assertThat(tokens.verify(sign(justExpired)).userId()).isEqualTo(7);
    }

    @Test
    void aSignInTokenCarriesTheSignInTimeAndALaterOneIsIgnored() {
        Instant issuedAt = now().plusMillis(250);
        AccessTokenClaims claims = tokens.verify(tokens.issueAtSignIn(jane, issuedAt, issuedAt.plusSeconds(300)));
        assertThat(claims.authTime()).isEqualTo(Instant.ofEpochSecond(issuedAt.getEpochSecond()));
        assertThat(claims.userId()).isEqualTo(7);
        assertThat(tokens.verify(tokens.issue(jane, now(), now().plusSeconds(300))).authTime()).isNull();

        JwtClaims sameSecond = validClaims();
        sameSecond.setClaim("auth_time", now().getEpochSecond());
        JwtClaims later = validClaims();
        later.setClaim("auth_time", now().getEpochSecond() + 1);
        assertThat(tokens.verify(sign(sameSecond)).authTime()).isEqualTo(now());
        assertThat(tokens.verify(sign(later)).authTime()).isNull();
    }

    @Test
    void clientGrantAndActorClaimsMustFitTogether() {
        JwtClaims clientWithoutGrant = validClaims();
        clientWithoutGrant.setClaim("client_id", "shop");
        JwtClaims grantWithoutClient = validClaims();
        grantWithoutClient.setClaim("grant_id", "grant-1");
        JwtClaims clientActingForSomeone = validClaims();
        clientActingForSomeone.setClaim("client_id", "shop");
        clientActingForSomeone.setClaim("grant_id", "grant-1");
        clientActingForSomeone.setClaim("act", Map.of("sub", "9"));

        for (JwtClaims claims : List.of(clientWithoutGrant, grantWithoutClient, clientActingForSomeone)) {
            assertRefused(claims);
        }
    }

    @Test
    void aScopeCountsOnlyOnAClientsToken() {
        JwtClaims claims = validClaims();
        claims.setClaim("scope", "openid");

        assertThat(tokens.verify(sign(claims)).scope()).isNull();
    }

    @Test
    void anActorMustBeAnObjectWithASubject() {
        JwtClaims text = validClaims();
        text.setClaim("act", "9");
        JwtClaims numericSubject = validClaims();
        numericSubject.setClaim("act", Map.of("sub", 9));
        JwtClaims noSubject = validClaims();
        noSubject.setClaim("act", Map.of("email", "op@example.com"));

        for (JwtClaims claims : List.of(text, numericSubject, noSubject)) {
            assertRefused(claims);
        }
        JwtClaims actor = validClaims();
        actor.setClaim("act", Map.of("sub", "9"));
        AccessTokenClaims verified = tokens.verify(sign(actor));
        assertThat(verified.actorId()).isEqualTo(9L);
        assertThat(verified.actorEpoch()).isZero();
    }

    @Test
    void anEpochMustBeAWholeNumber() {
        JwtClaims fraction = validClaims();
        fraction.setClaim("epoch", 1.5);
        JwtClaims text = validClaims();
        text.setClaim("epoch", "1");
        JwtClaims actorFraction = validClaims();
        actorFraction.setClaim("act", Map.of("sub", "9", "epoch", 0.5));

        for (JwtClaims claims : List.of(fraction, text, actorFraction)) {
            assertRefused(claims);
        }
        JwtClaims whole = validClaims();
        whole.setClaim("epoch", 3);
        assertThat(tokens.verify(sign(whole)).epoch()).isEqualTo(3);
        assertThat(tokens.verify(sign(validClaims())).epoch()).isZero();
    }

    @Test
    void theMillisecondIssueTimeCountsOnlyWhenItAgreesWithIat() {
        long second = now().getEpochSecond();
        JwtClaims agreeing = validClaims();
        agreeing.setClaim("iat_ms", second * 1000 + 999);
        JwtClaims startOfSecond = validClaims();
        startOfSecond.setClaim("iat_ms", second * 1000);
        JwtClaims nextSecond = validClaims();
        nextSecond.setClaim("iat_ms", second * 1000 + 1000);
        JwtClaims previousSecond = validClaims();
        previousSecond.setClaim("iat_ms", second * 1000 - 1);
        JwtClaims text = validClaims();
        text.setClaim("iat_ms", Long.toString(second * 1000 + 5));

        assertThat(tokens.verify(sign(agreeing)).issuedAt()).isEqualTo(Instant.ofEpochMilli(second * 1000 + 999));
        assertThat(tokens.verify(sign(startOfSecond)).issuedAt()).isEqualTo(Instant.ofEpochSecond(second));
        for (JwtClaims claims : List.of(nextSecond, previousSecond, text)) {
            assertThat(tokens.verify(sign(claims)).issuedAt()).isEqualTo(Instant.ofEpochSecond(second));
        }
    }

    @Test
    void theLongestAcceptedTokenIs8192Characters() {
        String longest = signedOfLength(8192);
        String tooLong = signedOfLength(8193);

        assertThat(tokens.verify(longest).userId()).isEqualTo(7);
        assertThatThrownBy(() -> tokens.verify(tooLong)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("The access token is missing or malformed.");
        assertThatThrownBy(() -> tokens.verify("")).isInstanceOf(InvalidTokenException.class)
                .hasMessage("The access token is missing or malformed.");
        assertThatThrownBy(() -> tokens.verify(null)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("The access token is missing or malformed.");
    }

    @Test
    void thePublishedKeySetHoldsOnlyPublicSigningKeys() {
        Map<String, Object> set = json(tokens.publicKeySetJson());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) set.get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0)).containsEntry("kid", keyStore.findAll().get(0).keyId()).containsEntry("kty", "RSA")
                .containsEntry("alg", "RS256").containsEntry("use", "sig").containsKeys("n", "e")
                .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
    }

    @Test
    void theKeyManagementGoesToTheSharedKeys() {
        long generation = tokens.keyGeneration();
        String first = keyStore.findAll().get(0).keyId();
        clock.advance(Duration.ofSeconds(1));

        String second = tokens.rotate();

        assertThat(tokens.keys()).extracting(k -> k.keyId()).containsExactly(first, second);
        assertThat(tokens.revoke(first)).isTrue();
        assertThat(tokens.revoke(first)).isFalse();
        assertThat(tokens.keyGeneration()).isGreaterThan(generation);
    }

    private void assertRefused(JwtClaims claims) {
        String token = sign(claims);
        assertThatThrownBy(() -> tokens.verify(token)).as(claims.toJson()).isInstanceOf(InvalidTokenException.class)
                .hasMessage("The access token is not valid.");
    }

    /** A valid token padded with a claim until its compact form is exactly {@code length} long. */
    private String signedOfLength(int length) {
        int unpadded = padded(0).length();
        for (int pad = Math.max(0, (length - unpadded) * 3 / 4 - 8); pad < length; pad++) {
            String token = padded(pad);
            if (token.length() == length) {
                return token;
            }
            if (token.length() > length) {
                break;
            }
        }
        throw new AssertionError("no padding gives a token of " + length + " characters");
    }

    private String padded(int pad) {
        JwtClaims claims = validClaims();
        claims.setClaim("pad", "x".repeat(pad));
        return sign(claims);
    }

    private JwtClaims validClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience("api");
        claims.setSubject("7");
        claims.setClaim("id", 7);
        claims.setIssuedAt(NumericDate.fromSeconds(now().getEpochSecond()));
        claims.setNotBefore(NumericDate.fromSeconds(now().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now().getEpochSecond() + 60));
        claims.setGeneratedJwtId();
        return claims;
    }

    private String sign(JwtClaims claims) {
        try {
            SigningKeyPort.StoredKey stored = keyStore.findAll().get(0);
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(stored.privateJwk());
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(stored.keyId());
            jws.setHeader("typ", "at+jwt");
            jws.setKey(key.getPrivateKey());
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> payload(String token) {
        return json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> header(String token) {
        return json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> json(String text) {
        try {
            return org.jose4j.json.JsonUtil.parseJson(text);
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }
}
