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
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

class JoseAccessTokensTest {

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemorySigningKeys keyStore = new InMemorySigningKeys();
    private final JoseAccessTokens tokens = new JoseAccessTokens(keyStore, clock, "https://id.example.com", "api");
    private final User user = new User(7, Long.toString(7), UUID.randomUUID(), Email.of("jane@example.com"), "Jane", null,
            "en", 0, Set.of(Role.USER_EDIT), true, clock.instant(), clock.instant());

    private String issueFor15Minutes() {
        return tokens.issue(user, clock.instant(), clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aTokenItIssuedVerifies() {
        AccessTokenClaims claims = tokens.verify(issueFor15Minutes());

        assertThat(claims.userId()).isEqualTo(7);
        assertThat(claims.email()).isEqualTo("jane@example.com");
        assertThat(claims.roles()).containsExactly(Role.USER_EDIT);
        assertThat(claims.tokenId()).isNotBlank();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = issueFor15Minutes();
        clock.advance(Duration.ofMinutes(16));

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void anotherAudienceOrIssuerIsRefused() {
        String token = issueFor15Minutes();

        assertThatThrownBy(() -> new JoseAccessTokens(keyStore, clock, "https://id.example.com", "other").verify(token))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> new JoseAccessTokens(keyStore, clock, "https://evil.example.com", "api").verify(token))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void tamperingBreaksTheSignature() {
        String[] parts = issueFor15Minutes().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"id\":7", "\"id\":8").replace("\"sub\":\"7\"", "\"sub\":\"8\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void algNoneIsRefused() {
        JwtClaims claims = validClaims();
        String header = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + realKey().getKeyId() + "\"}");
        String unsigned = header + "." + b64(claims.toJson()) + ".";

        assertThatThrownBy(() -> tokens.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRefused() throws JoseException {
        RsaJsonWebKey key = realKey();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(validClaims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "at+jwt");
        jws.setKey(new HmacKey(key.getPublicKey().getEncoded()));
        jws.setDoKeyValidation(false);
        String confused = jws.getCompactSerialization();

        assertThatThrownBy(() -> tokens.verify(confused)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void everyRegisteredClaimIsRequired() {
        for (String claim : new String[] {"exp", "iat", "nbf", "sub", "jti", "iss", "aud"}) {
            JwtClaims claims = validClaims();
            claims.unsetClaim(claim);
            String token = sign(claims, jws -> { });
            assertThatThrownBy(() -> tokens.verify(token)).as(claim).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void aTokenSignedWithTheRealKeyButNotAnAccessTokenIsRefused() {
        String noType = sign(validClaims(), jws -> jws.getHeaders().setObjectHeaderValue("typ", null));
        String otherType = sign(validClaims(), jws -> jws.setHeader("typ", "JWT"));

        assertThatThrownBy(() -> tokens.verify(noType)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(otherType)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void keyLocationsInTheHeaderAndUnknownKeyIdsAreRefused() {
        String jku = sign(validClaims(), jws -> jws.setHeader("jku", "https://evil.example.com/jwks.json"));
        String x5u = sign(validClaims(), jws -> jws.setHeader("x5u", "https://evil.example.com/cert.pem"));
        String unknownKid = sign(validClaims(), jws -> jws.setKeyIdHeaderValue("../../etc/passwd"));
        String noKid = sign(validClaims(), jws -> jws.getHeaders().setObjectHeaderValue("kid", null));

        for (String token : new String[] {jku, x5u, unknownKid, noKid}) {
            assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void aNotYetValidTokenIsRefused() {
        JwtClaims claims = validClaims();
        claims.setNotBefore(NumericDate.fromMilliseconds(clock.millis() + Duration.ofMinutes(5).toMillis()));

        assertThatThrownBy(() -> tokens.verify(sign(claims, jws -> { }))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void garbageIsRefused() {
        for (String token : new String[] {"", "abc", "a.b.c", "x".repeat(10_000)}) {
            assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void anotherInstanceOnTheSameKeyStoreVerifiesAndPublishesTheSameKeys() {
        JoseAccessTokens second = new JoseAccessTokens(keyStore, clock, "https://id.example.com", "api");

        assertThat(second.verify(issueFor15Minutes()).userId()).isEqualTo(7);
        assertThat(second.publicKeySetJson()).isEqualTo(tokens.publicKeySetJson());
        assertThat(keyStore.findAll()).hasSize(1);
    }

    @Test
    void aKeyAddedByAnotherInstanceIsPickedUpAndOldTokensStillVerify() {
        String old = issueFor15Minutes();
        SigningKeyPort.StoredKey first = keyStore.findAll().get(0);
        clock.advance(Duration.ofMinutes(1));
        RsaJsonWebKey newer = newKey("newer");
        keyStore.add(new SigningKeyPort.StoredKey("newer", "RS256",
                newer.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), clock.instant()));
        JoseAccessTokens restarted = new JoseAccessTokens(keyStore, clock, "https://id.example.com", "api");
        String fresh = restarted.issue(user, clock.instant(), clock.instant().plus(Duration.ofMinutes(15)));

        assertThat(header(fresh)).contains("\"kid\":\"newer\"");
        assertThat(restarted.verify(old).userId()).isEqualTo(7);
        clock.advance(Duration.ofSeconds(11));
        assertThat(tokens.verify(fresh).userId()).isEqualTo(7);
        assertThat(tokens.publicKeySetJson()).contains(first.keyId()).contains("newer");
    }

    @Test
    void instancesThatRacedOnTheFirstKeyConvergeOnTheNewestWithinAMinute() {
        clock.advance(Duration.ofSeconds(1));
        RsaJsonWebKey racer = newKey("racer");
        keyStore.add(new SigningKeyPort.StoredKey("racer", "RS256",
                racer.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), clock.instant()));

        assertThat(header(issueFor15Minutes())).doesNotContain("racer");
        clock.advance(Duration.ofSeconds(61));

        assertThat(header(issueFor15Minutes())).contains("\"kid\":\"racer\"");
        assertThat(tokens.publicKeySetJson()).contains("racer");
    }

    private JwtClaims validClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://id.example.com");
        claims.setAudience("api");
        claims.setSubject("7");
        claims.setClaim("id", 7);
        claims.setIssuedAt(NumericDate.fromMilliseconds(clock.millis()));
        claims.setNotBefore(NumericDate.fromMilliseconds(clock.millis()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(clock.millis() + 60_000));
        claims.setGeneratedJwtId();
        return claims;
    }

    private String sign(JwtClaims claims, Consumer<JsonWebSignature> change) {
        RsaJsonWebKey key = realKey();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "at+jwt");
        jws.setKey(key.getPrivateKey());
        change.accept(jws);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    private RsaJsonWebKey realKey() {
        try {
            SigningKeyPort.StoredKey stored = keyStore.findAll().get(0);
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(stored.privateJwk());
            key.setKeyId(stored.keyId());
            return key;
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    private static RsaJsonWebKey newKey(String keyId) {
        try {
            RsaJsonWebKey key = org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            return key;
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
