package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userservice.core.port.out.SigningKeyPort.StoredKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forged and altered access tokens, as an attacker would build them, against the bearer routes of
 * both APIs. A forgery made with the service's real key and left unaltered is accepted, which shows
 * each refusal is due to the alteration alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTokensTest {

    private final RestFixture api = new RestFixture();
    private RsaJsonWebKey realKey;
    private JwtClaims genuine;

    @BeforeAll
    void signIn() throws Exception {
        String token = api.signedIn("victim@example.com", "correct horse").json().path("accessToken").asText();
        genuine = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
        List<StoredKey> keys = api.memory.signingKeys().findAll();
        realKey = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(keys.get(keys.size() - 1).privateJwk());
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private JwtClaims claims(Consumer<JwtClaims> change) throws Exception {
        JwtClaims copy = JwtClaims.parse(genuine.toJson());
        change.accept(copy);
        return copy;
    }

    private String signed(JwtClaims claims, Consumer<JsonWebSignature> headers) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "at+jwt");
        jws.setKeyIdHeaderValue(realKey.getKeyId());
        jws.setKey(realKey.getPrivateKey());
        headers.accept(jws);
        return jws.getCompactSerialization();
    }

    private void assertRefused(String token) {
        RestFixture.Reply nativeApi = api.get("/user", token);
        assertThat(nativeApi.status()).as(nativeApi.body()).isEqualTo(401);
        assertThat(nativeApi.errorCode()).isEqualTo("invalid_token");
        RestFixture.Reply nexudus = api.send("GET", "/en/user/me", null, null, Map.of("Authorization", "Bearer " + token));
        assertThat(nexudus.status()).isEqualTo(401);
        assertThat(nexudus.json().path("WasSuccessful").asBoolean(true)).isFalse();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnalteredForgeryWithTheRealKeyIsAccepted() throws Exception {
        String token = signed(claims(c -> { }), h -> { });

        assertThat(api.get("/user", token).status()).isEqualTo(200);
    }

    @Test
    void algNoneIsRefused() throws Exception {
        String payload = b64(genuine.toJson());
        for (String alg : new String[] {"none", "None", "NONE", ""}) {
            String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + realKey.getKeyId() + "\"}");
            assertRefused(header + "." + payload + ".");
            assertRefused(header + "." + payload);
        }
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        byte[] publicKeyBytes = realKey.getPublicKey().getEncoded();
        byte[] jwksBytes = api.get("/.well-known/jwks.json").body().getBytes(StandardCharsets.UTF_8);
        for (byte[] secret : new byte[][] {publicKeyBytes, jwksBytes}) {
            String token = signed(claims(c -> { }), h -> {
                h.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
                h.setKey(new HmacKey(secret));
                h.setDoKeyValidation(false);
            });
            assertRefused(token);
        }
    }

    @Test
    void keysOrKeyLocationsInTheHeaderAreRefused() throws Exception {
        RsaJsonWebKey attackerKey = RsaJwkGenerator.generateJwk(2048);
        attackerKey.setKeyId(realKey.getKeyId());
        assertRefused(signed(claims(c -> { }), h -> {
            h.setKey(attackerKey.getPrivateKey());
            h.setJwkHeader(attackerKey);
        }));
        assertRefused(signed(claims(c -> { }), h -> h.setHeader("jku", "https://evil.example.com/jwks.json")));
        assertRefused(signed(claims(c -> { }), h -> h.setHeader("x5u", "https://evil.example.com/cert.pem")));
        // signed with the real key, yet naming a key elsewhere: refused all the same
        assertRefused(signed(claims(c -> { }), h -> h.setJwkHeader(realKey)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../etc/passwd", "' OR '1'='1", "x\u0000y", "", "%00", "kid\r\nX-Injected: 1",
            "https://evil.example.com/key"})
    void aMaliciousKidIsRefused(String kid) throws Exception {
        assertRefused(signed(claims(c -> { }), h -> h.setKeyIdHeaderValue(kid)));
    }

    @Test
    void aTokenSignedByAnotherKeyUnderTheRealKidIsRefused() throws Exception {
        RsaJsonWebKey attackerKey = RsaJwkGenerator.generateJwk(2048);

        assertRefused(signed(claims(c -> { }), h -> h.setKey(attackerKey.getPrivateKey())));
    }

    @Test
    void missingRegisteredClaimsAreRefused() throws Exception {
        for (String claim : new String[] {"exp", "iat", "nbf", "sub", "jti", "iss", "aud"}) {
            assertRefused(signed(claims(c -> c.unsetClaim(claim)), h -> { }));
        }
    }

    @Test
    void expiredAndNotYetValidTokensAreRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertRefused(signed(claims(c -> {
            c.setClaim("exp", now - 120);
            c.setClaim("iat", now - 1000);
            c.setClaim("nbf", now - 1000);
        }), h -> { }));
        assertRefused(signed(claims(c -> c.setClaim("nbf", now + 600)), h -> { }));
    }

    @Test
    void tamperedPayloadsAreRefused() throws Exception {
        String token = signed(claims(c -> { }), h -> { });
        String[] parts = token.split("\\.");
        JsonNode payload = RestFixture.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        String tampered = payload.toString().replace("\"permissionLevel\":0", "\"permissionLevel\":99")
                .replace("\"roles\":[]", "\"roles\":[\"admin\"]");
        assertThat(tampered).isNotEqualTo(payload.toString());

        assertRefused(parts[0] + "." + b64(tampered) + "." + parts[2]);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA");
        assertRefused(parts[0] + "." + parts[1]);
        assertRefused(token + ".extra");
    }

    @Test
    void otherAudiencesIssuersTypesAndSubjectsAreRefused() throws Exception {
        assertRefused(signed(claims(c -> c.setAudience("another-service")), h -> { }));
        assertRefused(signed(claims(c -> c.setAudience(List.of("another-service", "other"))), h -> { }));
        assertRefused(signed(claims(c -> c.setIssuer("https://evil.example.com")), h -> { }));
        assertRefused(signed(claims(c -> { }), h -> h.setHeader("typ", "JWT")));
        assertRefused(signed(claims(c -> { }), h -> h.getHeaders().setObjectHeaderValue("typ", null)));
        assertRefused(signed(claims(c -> c.setSubject("999")), h -> { }));
        assertRefused(signed(claims(c -> c.setClaim("id", 999)), h -> { }));
    }

    @Test
    void garbageBearerValuesAre401() {
        for (String value : new String[] {"x", "a.b.c", "....", "e30.e30.", "Bearer", "%00", "é", "a".repeat(6000)}) {
            RestFixture.Reply reply = api.get("/user", value);
            assertThat(reply.status()).as(value).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("invalid_token");
        }
    }
}
