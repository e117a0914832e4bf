package io.userservice.core.crypto;

import io.userservice.core.port.out.DeviceTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Device tokens as RS256 JWTs signed with the service's keys, with header {@code typ: device+jwt}
 * and an audience of their own, so neither an access token nor any other JWT of this service is
 * accepted as one, nor one as an access token (whose verifier requires {@code typ: at+jwt}).
 */
final class JoseDeviceTokens implements DeviceTokens {

    static final String DEVICE_TOKEN_TYPE = "device+jwt";
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int CLOCK_SKEW_SECONDS = 30;
    /** A device token never lives longer than this, however it was signed. */
    private static final Duration LONGEST = Duration.ofDays(400);

    private final SigningKeys keys;
    private final VerificationKeyResolver resolver;
    private final Clock clock;
    private final String issuer;
    private final String audience;

    JoseDeviceTokens(SigningKeys keys, VerificationKeyResolver resolver, Clock clock, String issuer) {
        this.keys = keys;
        this.resolver = resolver;
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
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", DEVICE_TOKEN_TYPE);
        jws.setKey(key.getPrivateKey());
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
                        AlgorithmIdentifiers.RSA_USING_SHA256)
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
}
