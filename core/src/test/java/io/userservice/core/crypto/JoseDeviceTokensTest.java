package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemorySigningKeys;
import io.userservice.core.port.out.DeviceTokens;
import io.userservice.core.port.out.OidcTokens;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** Device tokens: a MAC under a key derived from the signing key, of their own kind, and still read when signed before. */
class JoseDeviceTokensTest {

    private static final String ISSUER = "https://id.example.com";
    private static final String ACCOUNT = "account-key-of-jane";

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemorySigningKeys keyStore = new InMemorySigningKeys();
    private final JoseAccessTokens tokens = instance();
    private final JoseDeviceTokens devices = (JoseDeviceTokens) tokens.deviceTokens();

    private JoseAccessTokens instance() {
        return new JoseAccessTokens(keyStore, clock, ISSUER, "api", KeyEncryption.none(), Duration.ofHours(1));
    }

    private String issue(DeviceTokens issuer, String deviceId) {
        return issuer.issue(ACCOUNT, deviceId, clock.instant(), clock.instant().plus(Duration.ofDays(30)));
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static String kidOf(String token) {
        return header(token).replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    private String accessToken() {
        User user = new User(7, "7", UUID.randomUUID(), Email.of("jane@example.com"), "Jane", null, "en", 0,
                Set.of(), true, clock.instant(), clock.instant());
        return tokens.issue(user, clock.instant(), clock.instant().plus(Duration.ofMinutes(15)));
    }

    /** The active signing key with its private part, as the store holds it. */
    private RsaJsonWebKey activeKey(String kid) throws Exception {
        String privateJwk = keyStore.findAll().stream().filter(k -> k.keyId().equals(kid)).findFirst().orElseThrow()
                .privateJwk();
        return (RsaJsonWebKey) JsonWebKey.Factory.newJwk(privateJwk);
    }

    /** A device token as this service would write it, with any algorithm, key id and key. */
    private String forged(String alg, String kid, Key key, String subject, Instant expiresAt) throws Exception {
        return forged(alg, kid, key, subject, expiresAt, JoseDeviceTokens.DEVICE_TOKEN_TYPE, null);
    }

    /** The same, with any type and, when given, one more header. */
    private String forged(String alg, String kid, Key key, String subject, Instant expiresAt, String type,
                          String extraHeader) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(ISSUER + "#device");
        claims.setSubject(subject);
        claims.setJwtId("device-1");
        claims.setIssuedAt(NumericDate.fromMilliseconds(clock.millis()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", type);
        if (extraHeader != null) {
            jws.getHeaders().setObjectHeaderValue(extraHeader, "https://attacker.example/keys");
        }
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        return jws.getCompactSerialization();
    }

    @Test
    void aDeviceTokenCarriesAMacUnderTheActiveKeysIdAndNamesItsDeviceForItsAccountOnly() {
        String token = issue(devices, "device-1");

        assertThat(header(token)).contains("\"alg\":\"HS256\"").contains("\"typ\":\"device+jwt\"");
        assertThat(kidOf(token)).isEqualTo(kidOf(accessToken()));
        assertThat(devices.deviceOf(token, ACCOUNT)).contains("device-1");
        assertThat(devices.deviceOf(token, "account-key-of-someone-else")).isEmpty();
    }

    @Test
    void anAccessTokenIsNoDeviceTokenAndADeviceTokenIsNoAccessToken() {
        String device = issue(devices, "7");

        assertThat(devices.deviceOf(accessToken(), "7")).isEmpty();
        assertThatThrownBy(() -> tokens.verify(device)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aMacUnderThePublicKeyUnderAnotherKeysIdOrOverAChangedPayloadIsRefused() throws Exception {
        String kid = kidOf(issue(devices, "device-1"));
        RsaJsonWebKey key = activeKey(kid);
        Instant later = clock.instant().plus(Duration.ofDays(1));

        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.HMAC_SHA256, kid,
                new HmacKey(key.getPublicKey().getEncoded()), ACCOUNT, later), ACCOUNT)).isEmpty();
        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.HMAC_SHA256, kid,
                new HmacKey(key.getPrivateKey().getEncoded()), ACCOUNT, later), ACCOUNT)).isEmpty();

        String other = tokens.rotate();
        String genuine = issue(devices, "device-1");
        String[] parts = genuine.split("\\.");
        String relabelled = Base64.getUrlEncoder().withoutPadding().encodeToString(
                header(genuine).replace(other, kid).getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        assertThat(devices.deviceOf(relabelled, ACCOUNT)).isEmpty();
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(ACCOUNT, "account-key-of-mallory").getBytes(StandardCharsets.UTF_8));
        assertThat(devices.deviceOf(parts[0] + "." + otherPayload + "." + parts[2], "account-key-of-mallory")).isEmpty();
        assertThat(devices.deviceOf(parts[0] + "." + parts[1] + ".", ACCOUNT)).isEmpty();
        assertThat(devices.deviceOf(genuine, ACCOUNT)).contains("device-1");
    }

    @Test
    void anExpiredDeviceTokenIsRefused() {
        String token = devices.issue(ACCOUNT, "device-1", clock.instant(), clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(2));

        assertThat(devices.deviceOf(token, ACCOUNT)).isEmpty();
    }

    @Test
    void anotherInstanceOnTheSameKeysReadsItARotationKeepsItAndARevocationEndsIt() {
        String token = issue(devices, "device-1");
        DeviceTokens elsewhere = instance().deviceTokens();
        assertThat(elsewhere.deviceOf(token, ACCOUNT)).contains("device-1");

        tokens.rotate();
        assertThat(devices.deviceOf(token, ACCOUNT)).contains("device-1");
        String afterRotation = issue(devices, "device-2");
        assertThat(kidOf(afterRotation)).isNotEqualTo(kidOf(token));
        clock.advance(Duration.ofSeconds(11)); // the other instance reads an unknown key id after its reload interval
        assertThat(elsewhere.deviceOf(afterRotation, ACCOUNT)).contains("device-2");

        assertThat(tokens.revoke(kidOf(token))).isTrue();
        assertThat(devices.deviceOf(token, ACCOUNT)).isEmpty();
        assertThat(devices.deviceOf(afterRotation, ACCOUNT)).contains("device-2");
    }

    @Test
    void aDeviceTokenSignedWithRs256BeforeIsStillReadButNotUnderAnUnknownKeyOrWithoutASignature() throws Exception {
        String kid = kidOf(issue(devices, "device-1"));
        RsaJsonWebKey key = activeKey(kid);
        Instant later = clock.instant().plus(Duration.ofDays(1));

        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.RSA_USING_SHA256, kid, key.getPrivateKey(), ACCOUNT,
                later), ACCOUNT)).contains("device-1");
        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.RSA_USING_SHA256, "no-such-key", key.getPrivateKey(),
                ACCOUNT, later), ACCOUNT)).isEmpty();
        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.NONE, kid, null, ACCOUNT, later), ACCOUNT)).isEmpty();
        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.HMAC_SHA512, kid,
                new HmacKey(new byte[64]), ACCOUNT, later), ACCOUNT)).isEmpty();
    }

    @Test
    void onlyHs256UnderTheDerivedKeyWithTheDeviceTypeAndNoKeyHeadersIsADeviceToken() throws Exception {
        String kid = kidOf(issue(devices, "device-1"));
        RsaJsonWebKey key = activeKey(kid);
        Key mac = devices.macKey(key);
        Instant later = clock.instant().plus(Duration.ofDays(1));

        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.HMAC_SHA256, kid, mac, ACCOUNT, later), ACCOUNT))
                .as("the genuine key and algorithm").contains("device-1");
        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.HMAC_SHA512, kid,
                new HmacKey(java.util.Arrays.copyOf(mac.getEncoded(), 64)), ACCOUNT, later), ACCOUNT))
                .as("another MAC algorithm").isEmpty();
        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.HMAC_SHA256, kid, mac, ACCOUNT, later, "JWT", null),
                ACCOUNT)).as("another type").isEmpty();
        assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.RSA_USING_SHA256, kid, key.getPrivateKey(), ACCOUNT,
                later, "at+jwt", null), ACCOUNT)).as("an access token's type").isEmpty();
        for (String header : new String[] {"jwk", "jku", "x5u", "x5c"}) {
            assertThat(devices.deviceOf(forged(AlgorithmIdentifiers.HMAC_SHA256, kid, mac, ACCOUNT, later,
                    JoseDeviceTokens.DEVICE_TOKEN_TYPE, header), ACCOUNT)).as(header).isEmpty();
        }
    }

    @Test
    void aDeviceTokenEndsWithItsKeysAcceptanceOrItsRevocationWhicheverItWasSignedWith() throws Exception {
        String token = issue(devices, "device-1");
        String kid = kidOf(token);
        String signedBefore = forged(AlgorithmIdentifiers.RSA_USING_SHA256, kid, activeKey(kid).getPrivateKey(),
                ACCOUNT, clock.instant().plus(Duration.ofDays(30)));
        DeviceTokens elsewhere = instance().deviceTokens();
        tokens.rotate();
        String afterRotation = issue(devices, "device-2");
        String rotatedKid = kidOf(afterRotation);
        String signedBeforeUnderTheNewKey = forged(AlgorithmIdentifiers.RSA_USING_SHA256, rotatedKid,
                activeKey(rotatedKid).getPrivateKey(), ACCOUNT, clock.instant().plus(Duration.ofDays(30)));

        clock.advance(Duration.ofHours(2)); // past the retired key's retention (the longest access token, here 1 h)
        assertThat(devices.deviceOf(token, ACCOUNT)).isEmpty();
        assertThat(elsewhere.deviceOf(token, ACCOUNT)).isEmpty();
        assertThat(devices.deviceOf(signedBefore, ACCOUNT)).isEmpty();
        assertThat(devices.deviceOf(afterRotation, ACCOUNT)).contains("device-2");
        assertThat(devices.deviceOf(signedBeforeUnderTheNewKey, ACCOUNT)).contains("device-1");

        tokens.rotate();
        assertThat(tokens.revoke(rotatedKid)).isTrue();
        assertThat(devices.deviceOf(afterRotation, ACCOUNT)).isEmpty();
        assertThat(devices.deviceOf(signedBeforeUnderTheNewKey, ACCOUNT)).isEmpty();
    }

    @Test
    void aDeviceTokenIsNeitherAnIdTokenNorAServiceToken() throws Exception {
        String kid = kidOf(issue(devices, "device-1"));
        OidcTokens oidc = tokens.oidcTokens();
        String device = issue(devices, "device-1");
        String signedBefore = forged(AlgorithmIdentifiers.RSA_USING_SHA256, kid, activeKey(kid).getPrivateKey(),
                ACCOUNT, clock.instant().plus(Duration.ofDays(1)));

        for (String token : new String[] {device, signedBefore}) {
            assertThat(oidc.readIdToken(token)).isEmpty();
            assertThat(oidc.readServiceToken(token)).isEmpty();
            assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class);
        }
    }
}
