package io.userservice.core.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An application registered to sign its users in through this service's OpenID Connect provider
 * (a relying party). Redirect URIs are compared as exact strings. Only the digest of a confidential
 * client's secret is kept; a public client (a browser or native app) has none and must use PKCE.
 *
 * @param clientId               the public identifier
 * @param secretDigest           the digest of the secret, or {@code null} for a public client
 * @param redirectUris           where authorization responses may go, exactly
 * @param postLogoutRedirectUris where a logout may return to, exactly
 * @param grantTypes             the grants the client may use ({@code authorization_code},
 *                               {@code refresh_token}, {@code client_credentials})
 * @param scopes                 the scopes the client may ask for
 * @param requireConsent         whether users are asked before the client gets their data
 * @param accessTokenTtl         the lifetime of the client's access tokens, or {@code null} for the default
 * @param refreshTokenTtl        the lifetime of the client's refresh tokens, or {@code null} for the default
 */
public record OidcClient(String clientId, String secretDigest, String name, List<String> redirectUris,
                         List<String> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes,
                         boolean publicClient, boolean requireConsent, Duration accessTokenTtl,
                         Duration refreshTokenTtl, Instant createdAt) {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final Set<String> GRANT_TYPES = Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS);
    public static final Set<String> SCOPES = Set.of("openid", "profile", "email", "offline_access");
    private static final int MAX_URIS = 20;
    private static final int MAX_URI_LENGTH = 1000;
    private static final int MAX_TOTAL_URI_LENGTH = 4000;
    private static final int MAX_NAME_LENGTH = 200;

    public OidcClient {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = Set.copyOf(grantTypes);
        scopes = Set.copyOf(scopes);
        if (publicClient && secretDigest != null) {
            throw new IllegalArgumentException("a public client has no secret");
        }
    }

    /**
     * Checks what an administrator asks to register and returns it normalized; refuses with
     * {@link InvalidInputException} (code {@code invalid_client_metadata}) what cannot work or is unsafe.
     */
    public static OidcClient validated(String clientId, String secretDigest, String name, List<String> redirectUris,
                                       List<String> postLogoutRedirectUris, Set<String> grantTypes,
                                       boolean publicClient, boolean requireConsent, Instant createdAt) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME_LENGTH || Text.hasControlCharacter(cleanName)) {
            throw invalid("name", "A name of 1 to " + MAX_NAME_LENGTH + " characters is required.");
        }
        List<String> redirects = redirectUris == null ? List.of() : redirectUris;
        List<String> logouts = postLogoutRedirectUris == null ? List.of() : postLogoutRedirectUris;
        Set<String> grants = grantTypes == null || grantTypes.isEmpty()
                ? (publicClient ? Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN) : Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN))
                : grantTypes;
        for (String grant : grants) {
            if (grant == null || !GRANT_TYPES.contains(grant)) {
                throw invalid("grantTypes", "grantTypes may hold authorization_code, refresh_token and client_credentials.");
            }
        }
        if (publicClient && grants.contains(CLIENT_CREDENTIALS)) {
            throw invalid("grantTypes", "A public client cannot use client_credentials: it has no secret.");
        }
        if (grants.contains(AUTHORIZATION_CODE) && redirects.isEmpty()) {
            throw invalid("redirectUris", "A client of the authorization code flow needs at least one redirect URI.");
        }
        checkUris("redirectUris", redirects);
        checkUris("postLogoutRedirectUris", logouts);
        return new OidcClient(clientId, secretDigest, cleanName, redirects, logouts, grants, SCOPES, publicClient,
                requireConsent, null, null, createdAt);
    }

    private static void checkUris(String field, List<String> uris) {
        if (uris.size() > MAX_URIS || String.join(" ", uris).length() > MAX_TOTAL_URI_LENGTH) {
            throw invalid(field, "At most " + MAX_URIS + " URIs of " + MAX_TOTAL_URI_LENGTH
                    + " characters in all are allowed.");
        }
        if (uris.stream().distinct().count() != uris.size()) {
            throw invalid(field, "A URI is listed twice.");
        }
        for (String uri : uris) {
            checkRedirectUri(field, uri);
        }
    }

    /**
     * A redirect URI must be absolute, without a fragment, and https, except on a loopback address
     * (http is allowed there for development and native apps) and in a private-use scheme of a
     * native app (RFC 8252, e.g. {@code com.example.app:/callback}); schemes that run code in a
     * browser are refused.
     */
    static void checkRedirectUri(String field, String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_URI_LENGTH || Text.hasControlCharacter(text)
                || text.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(field, "Each URI must be an absolute URI of at most " + MAX_URI_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(field, "Not a valid URI.");
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null || text.contains("#")) {
            throw invalid(field, "A redirect URI must be absolute and have no fragment.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https" -> requireHost(field, uri);
            case "http" -> {
                requireHost(field, uri);
                if (!isLoopback(uri.getHost())) {
                    throw invalid(field, "A redirect URI must use https, except on a loopback address.");
                }
            }
            case "javascript", "data", "vbscript", "file", "blob", "about", "ftp", "ws", "wss" ->
                    throw invalid(field, "This URI scheme cannot be a redirect URI.");
            default -> {
                // a native app's private-use scheme: reverse domain name notation, at least one dot
                if (!scheme.contains(".")) {
                    throw invalid(field, "A native app's scheme must be in reverse domain notation (com.example.app).");
                }
            }
        }
    }

    private static void requireHost(String field, URI uri) {
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(field, "A redirect URI must name a host and no user.");
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("invalid_client_metadata", field, message);
    }

    public boolean allowsRedirect(String uri) {
        return uri != null && redirectUris.contains(uri);
    }

    public boolean allowsLogoutRedirect(String uri) {
        return uri != null && postLogoutRedirectUris.contains(uri);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    /**
     * This client with the scopes it may ask for and its own token lifetimes, checked: the scopes
     * (null for all of {@link #SCOPES}) must be supported ones and include {@code openid} for a
     * client of the authorization code flow; an access-token lifetime (null for the default) must
     * lie between a minute and {@code maxAccessTtl}, a refresh-token lifetime between five minutes
     * and {@code maxRefreshTtl}. Refuses with {@link InvalidInputException} ({@code invalid_client_metadata}).
     */
    public OidcClient withTokenPolicy(Set<String> allowedScopes, Duration accessTtl, Duration refreshTtl,
                                      Duration maxAccessTtl, Duration maxRefreshTtl) {
        Set<String> checkedScopes = allowedScopes == null ? SCOPES : allowedScopes;
        for (String scope : checkedScopes) {
            if (scope == null || !SCOPES.contains(scope)) {
                throw invalid("scopes", "scopes may hold openid, profile, email and offline_access.");
            }
        }
        if (grantTypes.contains(AUTHORIZATION_CODE) && !checkedScopes.contains("openid")) {
            throw invalid("scopes", "A client of the authorization code flow needs the scope openid.");
        }
        checkLifetime("accessTokenLifetime", accessTtl, Duration.ofMinutes(1), maxAccessTtl);
        checkLifetime("refreshTokenLifetime", refreshTtl, Duration.ofMinutes(5), maxRefreshTtl);
        return new OidcClient(clientId, secretDigest, name, redirectUris, postLogoutRedirectUris, grantTypes,
                checkedScopes, publicClient, requireConsent, accessTtl, refreshTtl, createdAt);
    }

    private static void checkLifetime(String field, Duration ttl, Duration min, Duration max) {
        if (ttl != null && (ttl.compareTo(min) < 0 || ttl.compareTo(max) > 0 || ttl.getNano() != 0)) {
            throw invalid(field, field + " must be whole seconds between " + min + " and " + max + ".");
        }
    }

    public OidcClient withSecretDigest(String digest) {
        return new OidcClient(clientId, digest, name, redirectUris, postLogoutRedirectUris, grantTypes, scopes,
                publicClient, requireConsent, accessTokenTtl, refreshTokenTtl, createdAt);
    }

    @Override
    public String toString() {
        return "OidcClient[" + clientId + ", " + name + (publicClient ? ", public" : "") + "]";
    }
}
