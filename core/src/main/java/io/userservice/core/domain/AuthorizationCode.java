package io.userservice.core.domain;

import java.time.Instant;

/**
 * An OpenID Connect authorization code, bound to everything it was issued for. Only the digest
 * of the code is stored.
 *
 * @param codeHash      the digest of the code
 * @param clientId      the client it was issued to
 * @param userId        the signed-in user
 * @param redirectUri   the redirect URI of the request, which the redemption must repeat
 * @param codeChallenge the PKCE S256 challenge, or {@code null} when the client sent none
 * @param nonce         the request's nonce, or {@code null}
 * @param scope         the granted scopes, space separated
 * @param authTime      when the user last entered their password in this browser session
 * @param sessionId     the browser session's public identifier (the ID token's {@code sid})
 * @param epoch         the user's credential epoch when the code was issued
 * @param amr           how the user signed in to the browser session (see {@link SignInMethods}),
 *                      or {@code null} when that is not known
 * @param idToken       the ID token signed for the client when the code was issued, or {@code null};
 *                      the code keeps it only until its first redemption
 * @param idTokenClaims the digest of the user's claims that ID token carries, so that a redemption
 *                      can tell whether they still hold; {@code null} without an ID token
 */
public record AuthorizationCode(String codeHash, String clientId, long userId, String redirectUri,
                                String codeChallenge, String nonce, String scope, Instant authTime,
                                String sessionId, long epoch, Instant issuedAt, Instant expiresAt, String amr,
                                String idToken, String idTokenClaims) {

    public AuthorizationCode {
        if ((idToken == null) != (idTokenClaims == null)) {
            throw new IllegalArgumentException("an ID token comes with the digest of its claims");
        }
    }

    /** A code issued without an ID token. */
    public AuthorizationCode(String codeHash, String clientId, long userId, String redirectUri, String codeChallenge,
                             String nonce, String scope, Instant authTime, String sessionId, long epoch,
                             Instant issuedAt, Instant expiresAt, String amr) {
        this(codeHash, clientId, userId, redirectUri, codeChallenge, nonce, scope, authTime, sessionId, epoch,
                issuedAt, expiresAt, amr, null, null);
    }

    /** A code whose sign-in method is not known. */
    public AuthorizationCode(String codeHash, String clientId, long userId, String redirectUri, String codeChallenge,
                             String nonce, String scope, Instant authTime, String sessionId, long epoch,
                             Instant issuedAt, Instant expiresAt) {
        this(codeHash, clientId, userId, redirectUri, codeChallenge, nonce, scope, authTime, sessionId, epoch,
                issuedAt, expiresAt, null);
    }

    /** This code as it is kept after its first redemption: without its ID token. */
    public AuthorizationCode withoutIdToken() {
        return new AuthorizationCode(codeHash, clientId, userId, redirectUri, codeChallenge, nonce, scope, authTime,
                sessionId, epoch, issuedAt, expiresAt, amr, null, null);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AuthorizationCode[client=" + clientId + ", user=" + userId + "]";
    }
}
