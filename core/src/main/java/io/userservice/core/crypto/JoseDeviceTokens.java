package io.userservice.core.crypto;

import io.userservice.core.port.out.DeviceTokens;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Device tokens as HS256 JWTs, with header {@code typ: device+jwt} and an audience of their own, so
 * neither an access token nor any other JWT of this service is accepted as one, nor one as an access
 * token (whose verifier takes only RS256 and requires {@code typ: at+jwt}).
 *
 * <p>Only this service reads a device token, so it carries a MAC instead of a signature: one
 * HMAC-SHA-256 instead of an RSA signature at every sign-in. The MAC key of each signing key is
 * derived from that key's private exponent with HKDF-SHA-256 under a label of its own, and the token
 * names the signing key ({@code kid}): instances that share the signing keys share the MAC keys, a
 * rotation keeps the tokens of a retired key valid while the key is accepted, and a revoked key
 * takes its device tokens with it. The public keys reveal nothing of a MAC key. Device tokens
 * signed with RS256 before are still accepted while their key is.
 */
final class JoseDeviceTokens implements DeviceTokens {

    static final String DEVICE_TOKEN_TYPE = "device+jwt";
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int CLOCK_SKEW_SECONDS = 30;
    /** A device token never lives longer than this, however it was signed. */
    private static final Duration LONGEST = Duration.ofDays(400);
    /** The HKDF label of a device token's MAC key, so the key serves nothing else. */
    private static final byte[] MAC_KEY_INFO = "user-service device token mac".getBytes(StandardCharsets.UTF_8);
    private static final int MAC_KEY_BYTES = 32;
    /** Above this many, the derived keys are forgotten and derived again (keys are few; this bounds a leak). */
    private static final int MAX_CACHED_KEYS = 32;

    private final SigningKeys keys;
    private final VerificationKeyResolver resolver;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    /** The MAC key derived from each signing key, by the signing key itself (a rotated key id gets a new entry). */
    private final Map<RsaJsonWebKey, HmacKey> macKeys = new ConcurrentHashMap<>();

    /**
     * @param rsaResolver the public key of a token signed with RS256 (device tokens issued before
     *                    they carried a MAC)
     */
    JoseDeviceTokens(SigningKeys keys, VerificationKeyResolver rsaResolver, Clock clock, String issuer) {
        this.keys = keys;
        this.resolver = new ByAlgorithm(rsaResolver);
        this.clock = clock;
        this.issuer = issuer;
        this.audience = issuer + "#device";
    }

    @Override
    public String issue(String accountKey, String deviceId, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(accountKey);
        claims.setJwtId(deviceId);
        claims.setIssuedAt(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        var key = keys.active();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", DEVICE_TOKEN_TYPE);
        jws.setKey(macKey(key));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a device token", e);
        }
    }

    @Override
    public Optional<String> deviceOf(String token, String accountKey) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || accountKey == null) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer().processToClaims(token);
            if (!accountKey.equals(claims.getSubject())) {
                return Optional.empty();
            }
            return Optional.ofNullable(claims.getJwtId()).filter(id -> !id.isBlank() && id.length() <= 128);
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private JwtConsumer consumer() {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedType(true, DEVICE_TOKEN_TYPE)
                .setVerificationKeyResolver(resolver)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, (int) LONGEST.toSeconds())
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .build();
    }

    /**
     * The MAC key of device tokens under {@code key}: HKDF-SHA-256 of its private exponent (the same
     * bytes whichever provider encodes the key), salted with its key id, under a label of its own.
     */
    HmacKey macKey(RsaJsonWebKey key) {
        HmacKey known = macKeys.get(key);
        if (known != null) {
            return known;
        }
        if (macKeys.size() >= MAX_CACHED_KEYS) {
            macKeys.clear();
        }
        byte[] exponent = ((RSAPrivateKey) key.getPrivateKey()).getPrivateExponent().toByteArray();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(exponent, key.getKeyId().getBytes(StandardCharsets.UTF_8), MAC_KEY_INFO));
        byte[] bytes = new byte[MAC_KEY_BYTES];
        hkdf.generateBytes(bytes, 0, bytes.length);
        HmacKey derived = new HmacKey(bytes);
        macKeys.put(key, derived);
        return derived;
    }

    /**
     * The key for the token's algorithm: the MAC key of the accepted signing key it names for HS256,
     * the signing key's public key for RS256. The algorithm is one of the two the consumer permits,
     * and each gets only its own kind of key.
     */
    private final class ByAlgorithm implements VerificationKeyResolver {
        private final VerificationKeyResolver rsa;

        ByAlgorithm(VerificationKeyResolver rsa) {
            this.rsa = rsa;
        }

        @Override
        public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
                throws UnresolvableKeyException {
            if (!AlgorithmIdentifiers.HMAC_SHA256.equals(jws.getAlgorithmHeaderValue())) {
                return rsa.resolveKey(jws, nestingContext);
            }
            JoseAccessTokens.refuseKeyHeaders(jws);
            String keyId = jws.getKeyIdHeaderValue();
            RsaJsonWebKey key = keyId == null ? null : keys.find(keyId);
            if (key == null || !(key.getPrivateKey() instanceof RSAPrivateKey)) {
                throw new UnresolvableKeyException("unknown key id");
            }
            return macKey(key);
        }
    }
}
