package io.userservice.core.crypto;

import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.AccessTokenVerifier;
import io.userservice.core.port.out.SigningKeyManager;
import io.userservice.core.port.out.SigningKeyPort;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
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
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Access tokens as RS256-signed JWTs (RFC 9068 profile, header {@code typ: at+jwt}) with the
 * claims {@code iss aud sub exp iat nbf jti} and the Nexudus API's {@code id email firstname
 * lastname language permissionLevel}, plus {@code roles}.
 *
 * <p>Verification accepts RS256 only, requires every registered claim, checks issuer, audience
 * and validity period, resolves the key by {@code kid} among this service's own keys only, and
 * refuses tokens that carry key material or key locations in their header.
 */
public final class JoseAccessTokens implements AccessTokenIssuer, AccessTokenVerifier, SigningKeyManager {

    static final String ACCESS_TOKEN_TYPE = "at+jwt";
    static final String PORTAL_LOGIN_CLAIM = "portal_login";
    static final String ACTOR_CLAIM = "act";
    /** {@code iat} to the millisecond, so a password reset in the same second tells old tokens from new. */
    static final String ISSUED_AT_MILLIS_CLAIM = "iat_ms";
    /** The user's credential epoch when the token was granted (absent: the first epoch). */
    static final String EPOCH_CLAIM = "epoch";
    static final String CLIENT_ID_CLAIM = "client_id";
    static final String SCOPE_CLAIM = "scope";
    /** The grant (refresh-token family) a client's access token belongs to. */
    static final String GRANT_CLAIM = "grant_id";
    /** When the user entered a credential for the sign-in the token comes from (seconds, as in OpenID Connect). */
    static final String AUTH_TIME_CLAIM = "auth_time";
    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final List<String> FORBIDDEN_HEADERS = List.of("jwk", "jku", "x5u", "x5c");

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final long longestLifetimeSeconds;
    private volatile TimedConsumer consumer;

    /** Keys stored unencrypted, retired keys kept for a day (the longest token lifetime by default). */
    public JoseAccessTokens(SigningKeyPort keyStore, Clock clock, String issuer, String audience) {
        this(keyStore, clock, issuer, audience, KeyEncryption.none(), Duration.ofDays(1));
    }

    /**
     * @param encryption           how private keys are stored
     * @param longestTokenLifetime the longest lifetime of any token this service issues; a retired
     *                             key verifies (and is published) for this long after its retirement
     * @throws io.userservice.core.port.KeyEncryptionException when stored keys cannot be decrypted
     */
    public JoseAccessTokens(SigningKeyPort keyStore, Clock clock, String issuer, String audience,
                            KeyEncryption encryption, Duration longestTokenLifetime) {
        this.keys = new SigningKeys(keyStore, clock, encryption,
                longestTokenLifetime.plusSeconds(CLOCK_SKEW_SECONDS));
        this.longestLifetimeSeconds = longestTokenLifetime.toSeconds();
        this.clock = clock;
        this.issuer = requireText(issuer, "issuer");
        this.audience = requireText(audience, "audience");
    }

    @Override
    public String issue(User user, Instant issuedAt, Instant expiresAt, boolean portalLogin) {
        return sign(claimsFor(user, issuedAt, expiresAt, portalLogin));
    }

    @Override
    public String issueAtSignIn(User user, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = claimsFor(user, issuedAt, expiresAt, false);
        claims.setClaim(AUTH_TIME_CLAIM, issuedAt.getEpochSecond());
        return sign(claims);
    }

    @Override
    public String issueForClient(User user, String clientId, String scope, String grantId, Instant issuedAt,
                                 Instant expiresAt) {
        JwtClaims claims = claimsFor(user, issuedAt, expiresAt, false);
        claims.setClaim(CLIENT_ID_CLAIM, requireText(clientId, "clientId"));
        claims.setClaim(SCOPE_CLAIM, scope);
        claims.setClaim(GRANT_CLAIM, requireText(grantId, "grantId"));
        return sign(claims);
    }

    @Override
    public String issueOnBehalf(User subject, User actor, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = claimsFor(subject, issuedAt, expiresAt, true);
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("sub", Long.toString(actor.id()));
        act.put("email", actor.email().value());
        act.put(EPOCH_CLAIM, actor.credentialEpoch());
        claims.setClaim(ACTOR_CLAIM, act);
        return sign(claims);
    }

    private JwtClaims claimsFor(User user, Instant issuedAt, Instant expiresAt, boolean portalLogin) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(Long.toString(user.id()));
        claims.setIssuedAt(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        claims.setClaim(ISSUED_AT_MILLIS_CLAIM, issuedAt.toEpochMilli());
        claims.setNotBefore(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        claims.setGeneratedJwtId(16);
        claims.setClaim("id", user.id());
        claims.setClaim("email", user.email().value());
        claims.setClaim("firstname", user.firstname());
        claims.setClaim("lastname", user.lastname());
        claims.setClaim("language", user.language());
        claims.setClaim("permissionLevel", user.permissionLevel());
        claims.setStringListClaim("roles", user.roles().stream().map(Role::name).sorted().toList());
        claims.setClaim(EPOCH_CLAIM, user.credentialEpoch());
        if (portalLogin) {
            claims.setClaim(PORTAL_LOGIN_CLAIM, true);
        }
        return claims;
    }

    private String sign(JwtClaims claims) {
        RsaJsonWebKey key = keys.active();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", ACCESS_TOKEN_TYPE);
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }

    @Override
    public AccessTokenClaims verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("The access token is missing or malformed.");
        }
        try {
            JwtClaims claims = consumer().processToClaims(token);
            long userId = Long.parseLong(claims.getSubject());
            Object idClaim = claims.getClaimValue("id");
            if (!(idClaim instanceof Number number) || number.longValue() != userId) {
                throw new InvalidTokenException("The access token is not valid.");
            }
            Set<Role> roles = new LinkedHashSet<>();
            if (claims.hasClaim("roles")) {
                for (String name : claims.getStringListClaimValue("roles")) {
                    roles.add(new Role(name));
                }
            }
            long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
            if (lifetime > longestLifetimeSeconds + 1) {
                throw new InvalidTokenException("The access token is not valid.");
            }
            Map<?, ?> actor = actorOf(claims);
            String clientId = claims.getStringClaimValue(CLIENT_ID_CLAIM);
            String grantId = claims.getStringClaimValue(GRANT_CLAIM);
            if ((clientId == null) != (grantId == null) || clientId != null && actor != null) {
                throw new InvalidTokenException("The access token is not valid.");
            }
            return new AccessTokenClaims(userId, claims.getStringClaimValue("email"), roles,
                    claims.getJwtId(), issuedAt(claims),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                    Boolean.TRUE.equals(claims.getClaimValue(PORTAL_LOGIN_CLAIM)),
                    actor == null ? null : Long.parseLong((String) actor.get("sub")),
                    epochOf(claims.getClaimValue(EPOCH_CLAIM)), actor == null ? 0 : epochOf(actor.get(EPOCH_CLAIM)),
                    clientId, clientId == null ? null : claims.getStringClaimValue(SCOPE_CLAIM), grantId,
                    authTimeOf(claims));
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(e.hasExpired()
                    ? "The access token has expired." : "The access token is not valid.");
        } catch (MalformedClaimException | RuntimeException e) {
            throw new InvalidTokenException("The access token is not valid.");
        }
    }

    /**
     * The issue time to the millisecond when the token carries it consistently with {@code iat},
     * else the start of the {@code iat} second.
     */
    private static Instant issuedAt(JwtClaims claims) throws MalformedClaimException {
        long seconds = claims.getIssuedAt().getValue();
        if (claims.getClaimValue(ISSUED_AT_MILLIS_CLAIM) instanceof Number millis
                && Math.floorDiv(millis.longValue(), 1000L) == seconds) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** The sign-in time a token records, or null; never later than the token itself. */
    private static Instant authTimeOf(JwtClaims claims) throws MalformedClaimException {
        if (claims.getClaimValue(AUTH_TIME_CLAIM) instanceof Number seconds
                && seconds.longValue() <= claims.getIssuedAt().getValue()) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }

    private static Map<?, ?> actorOf(JwtClaims claims) {
        Object act = claims.getClaimValue(ACTOR_CLAIM);
        if (act == null) {
            return null;
        }
        if (act instanceof Map<?, ?> actor && actor.get("sub") instanceof String) {
            return actor;
        }
        throw new InvalidTokenException("The access token is not valid.");
    }

    /** A token from before epochs were recorded is at the first epoch. */
    private static long epochOf(Object claim) {
        if (claim == null) {
            return 0;
        }
        if (claim instanceof Number number && number.doubleValue() == number.longValue()) {
            return number.longValue();
        }
        throw new InvalidTokenException("The access token is not valid.");
    }

    /** ID tokens and service tokens signed and checked with the same keys (see {@link JoseOidcTokens}). */
    public io.userservice.core.port.out.OidcTokens oidcTokens() {
        return new JoseOidcTokens(keys, new OwnKeyResolver(), clock, issuer, audience, longestLifetimeSeconds);
    }

    /** Device tokens signed and checked with the same keys (see {@link JoseDeviceTokens}). */
    public io.userservice.core.port.out.DeviceTokens deviceTokens() {
        return new JoseDeviceTokens(keys, new OwnKeyResolver(), clock, issuer);
    }

    @Override
    public String rotate() {
        return keys.rotate();
    }

    @Override
    public boolean revoke(String keyId) {
        return keys.revoke(keyId);
    }

    @Override
    public long keyGeneration() {
        return keys.generation();
    }

    @Override
    public List<SigningKeyStatus> keys() {
        return keys.statuses();
    }

    @Override
    public String publicKeySetJson() {
        List<JsonWebKey> publicKeys = new ArrayList<>();
        for (RsaJsonWebKey key : keys.all()) {
            try {
                PublicJsonWebKey copy = PublicJsonWebKey.Factory.newPublicJwk(key.getPublicKey());
                copy.setKeyId(key.getKeyId());
                copy.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
                copy.setUse("sig");
                publicKeys.add(copy);
            } catch (JoseException e) {
                throw new IllegalStateException("cannot publish signing key " + key.getKeyId(), e);
            }
        }
        return new JsonWebKeySet(publicKeys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * The consumer for the current second of the clock. Building one costs more than checking a
     * signature's claims, and its evaluation time has a resolution of one second, so it is built
     * once per second instead of once per token.
     */
    private JwtConsumer consumer() {
        long second = Math.floorDiv(clock.millis(), 1000L);
        TimedConsumer current = consumer;
        if (current == null || current.second() != second) {
            current = new TimedConsumer(second, buildConsumer(second));
            consumer = current;
        }
        return current.consumer();
    }

    private record TimedConsumer(long second, JwtConsumer consumer) {
    }

    private JwtConsumer buildConsumer(long second) {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedType(true, ACCESS_TOKEN_TYPE)
                .setVerificationKeyResolver(new OwnKeyResolver())
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireNotBefore()
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, (int) Math.min(Integer.MAX_VALUE,
                        longestLifetimeSeconds + CLOCK_SKEW_SECONDS))
                .setEvaluationTime(NumericDate.fromSeconds(second))
                .build();
    }

    private final class OwnKeyResolver implements VerificationKeyResolver {
        @Override
        public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
                throws UnresolvableKeyException {
            refuseKeyHeaders(jws);
            String keyId = jws.getKeyIdHeaderValue();
            RsaJsonWebKey key = keyId == null ? null : keys.find(keyId);
            if (key == null) {
                throw new UnresolvableKeyException("unknown key id");
            }
            return key.getPublicKey();
        }
    }

    /** Refuses a token whose header names a key of its own choosing ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}). */
    static void refuseKeyHeaders(JsonWebSignature jws) throws UnresolvableKeyException {
        for (String header : FORBIDDEN_HEADERS) {
            if (jws.getHeaders().getObjectHeaderValue(header) != null) {
                throw new UnresolvableKeyException("tokens carrying '" + header + "' are refused");
            }
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
