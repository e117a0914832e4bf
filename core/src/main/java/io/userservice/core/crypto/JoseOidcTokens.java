package io.userservice.core.crypto;

import io.userservice.core.port.out.OidcTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * The OpenID Connect provider's token kinds, RS256 with the service's keys.
 *
 * <p>ID tokens have header {@code typ: JWT} and the client as audience; the access-token verifier
 * requires {@code typ: at+jwt}, so an ID token is never an access token, and an ID token is read
 * here only with {@code typ: JWT} and without the access tokens' {@code id} claim, so an access
 * token is never an ID token.
 *
 * <p>Service tokens (client credentials) are RFC 9068 access tokens ({@code typ: at+jwt}, the
 * service's audience) whose subject is the client, with a {@code client_id} claim equal to it
 * and none of a user's claims: the access-token verifier refuses them (it requires a numeric
 * subject repeated in {@code id}), so they work on no user route.
 */
final class JoseOidcTokens implements OidcTokens {

    static final String ID_TOKEN_TYPE = "JWT";
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final SigningKeys keys;
    private final VerificationKeyResolver resolver;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final long longestLifetimeSeconds;

    JoseOidcTokens(SigningKeys keys, VerificationKeyResolver resolver, Clock clock, String issuer, String audience,
                   long longestLifetimeSeconds) {
        this.keys = keys;
        this.resolver = resolver;
        this.clock = clock;
        this.issuer = issuer;
        this.audience = audience;
        this.longestLifetimeSeconds = longestLifetimeSeconds;
    }

    @Override
    public String idToken(Map<String, Object> claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(issuer);
        claims.forEach(jwt::setClaim);
        return sign(jwt, ID_TOKEN_TYPE);
    }

    @Override
    public String serviceToken(String clientId, String scope, Instant issuedAt, Instant expiresAt) {
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(issuer);
        jwt.setAudience(audience);
        jwt.setSubject(clientId);
        jwt.setClaim(JoseAccessTokens.CLIENT_ID_CLAIM, clientId);
        if (scope != null && !scope.isEmpty()) {
            jwt.setClaim(JoseAccessTokens.SCOPE_CLAIM, scope);
        }
        jwt.setIssuedAt(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        jwt.setNotBefore(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        jwt.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        jwt.setGeneratedJwtId(16);
        return sign(jwt, JoseAccessTokens.ACCESS_TOKEN_TYPE);
    }

    private String sign(JwtClaims claims, String type) {
        var key = keys.active();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", type);
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    @Override
    public Optional<IdTokenHint> readIdToken(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            // the signature is checked; expiry is not (see above), so the other checks are made here
            JwtContext context = new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setVerificationKeyResolver(resolver)
                    .setSkipAllDefaultValidators()
                    .build()
                    .process(token);
            JwtClaims claims = context.getJwtClaims();
            List<JsonWebStructure> structures = context.getJoseObjects();
            if (structures.size() != 1
                    || !ID_TOKEN_TYPE.equals(structures.get(0).getHeaders().getStringHeaderValue("typ"))) {
                return Optional.empty();
            }
            List<String> audiences = claims.getAudience();
            if (audiences.size() != 1 || claims.hasClaim("id") || !issuer.equals(claims.getIssuer())
                    || claims.getSubject() == null || claims.getIssuedAt() == null
                    || claims.getIssuedAt().getValueInMillis() > clock.millis() + CLOCK_SKEW_SECONDS * 1000L) {
                return Optional.empty();
            }
            return Optional.of(new IdTokenHint(Long.parseLong(claims.getSubject()), audiences.get(0),
                    claims.getStringClaimValue("sid")));
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ServiceToken> readServiceToken(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = serviceTokenConsumer().processToClaims(token);
            String clientId = claims.getStringClaimValue(JoseAccessTokens.CLIENT_ID_CLAIM);
            if (clientId == null || !clientId.equals(claims.getSubject()) || claims.hasClaim("id")) {
                return Optional.empty();
            }
            return Optional.of(new ServiceToken(clientId, claims.getStringClaimValue(JoseAccessTokens.SCOPE_CLAIM),
                    claims.getJwtId(), Instant.ofEpochMilli(claims.getIssuedAt().getValueInMillis()),
                    Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis())));
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private JwtConsumer serviceTokenConsumer() {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedType(true, JoseAccessTokens.ACCESS_TOKEN_TYPE)
                .setVerificationKeyResolver(resolver)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, (int) Math.min(Integer.MAX_VALUE,
                        longestLifetimeSeconds + CLOCK_SKEW_SECONDS))
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .build();
    }
}
