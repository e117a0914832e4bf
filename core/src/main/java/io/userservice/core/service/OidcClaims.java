package io.userservice.core.service;

import io.userservice.core.domain.SignInMethods;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.OidcTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The user's claims by scope (OpenID Connect Core §5.4), and the ID tokens that carry them. */
final class OidcClaims {

    private final OidcTokens tokens;

    OidcClaims(OidcTokens tokens) {
        this.tokens = tokens;
    }

    /** {@code sub} and, by scope, {@code email email_verified given_name family_name locale}. */
    static Map<String, Object> of(User user, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", Long.toString(user.id()));
        if (scopes.contains("email")) {
            claims.put("email", user.email().value());
            claims.put("email_verified", user.confirmed());
        }
        if (scopes.contains("profile")) {
            putIfPresent(claims, "given_name", user.firstname());
            putIfPresent(claims, "family_name", user.lastname());
            putIfPresent(claims, "locale", user.language());
        }
        return claims;
    }

    /**
     * The digest of the user's claims an ID token carries for these scopes: equal digests, equal
     * claims (the claims' text is fixed by their order in {@link #of}).
     */
    static String fingerprint(User user, Set<String> scopes) {
        return Digests.sha256(of(user, scopes).toString());
    }

    /**
     * An ID token for the client. With {@code accessToken} it carries {@code at_hash}; without, it is
     * the ID token signed when a code is issued, before any access token exists (the claim is
     * optional in the code flow, where both tokens come from the token endpoint together).
     */
    String idToken(User user, String clientId, Set<String> scopes, String nonce, Instant authTime, String amr, String sessionId,
                   String accessToken, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> claims = of(user, scopes);
        claims.put("aud", clientId);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("auth_time", authTime.getEpochSecond());
        List<String> methods = SignInMethods.amr(amr);
        if (!methods.isEmpty()) {
            claims.put("amr", methods);
            claims.put("acr", SignInMethods.acr(amr));
        }
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        if (accessToken != null) {
            claims.put("at_hash", atHash(accessToken));
        }
        if (sessionId != null) {
            claims.put("sid", sessionId);
        }
        claims.put("azp", clientId);
        return tokens.idToken(claims);
    }

    /** The left half of the SHA-256 digest of the access token, base64url (Core §3.1.3.6, RS256). */
    static String atHash(String accessToken) {
        byte[] digest = sha256(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    /** The PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
    static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static void putIfPresent(Map<String, Object> claims, String name, String value) {
        if (value != null && !value.isEmpty()) {
            claims.put(name, value);
        }
    }
}
