package io.userservice.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.ManageClientsUseCase;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A relying party built on Nimbus {@code oauth2-oidc-sdk}, registered with the fixture's provider,
 * talking to it over HTTP. Each step is the library's; only the browser is this test's own.
 */
final class OidcRelyingParty {

    static final String REDIRECT = "https://rp.example.org/callback";
    static final String LOGOUT_REDIRECT = "https://rp.example.org/signed-out";

    final RestFixture api;
    final ClientID clientId;
    final Secret secret;
    final String base;

    OidcRelyingParty(RestFixture api, ManageClientsUseCase.RegisteredClient registered) {
        this.api = api;
        this.clientId = new ClientID(registered.client().clientId());
        this.secret = registered.clientSecret() == null ? null : new Secret(registered.clientSecret());
        this.base = api.base();
    }

    static OidcRelyingParty register(RestFixture api, boolean publicClient, boolean requireConsent,
                                     Set<String> grantTypes) {
        return new OidcRelyingParty(api, api.core.manageClients().register(new ManageClientsUseCase.RegisterCommand(
                Caller.operator(), publicClient ? "Mobile app" : "Team wiki", List.of(REDIRECT),
                List.of(LOGOUT_REDIRECT), grantTypes, publicClient, requireConsent, ClientAddress.unknown())));
    }

    static OidcRelyingParty confidential(RestFixture api) {
        return register(api, false, false, Set.of("authorization_code", "refresh_token", "client_credentials"));
    }

    URI endpoint(String path) {
        return URI.create(base + path);
    }

    /** The authentication request of this client: openid email, state, nonce and PKCE unless adjusted. */
    AuthenticationRequest.Builder request(Scope scope, State state, Nonce nonce, CodeVerifier verifier) {
        AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(new ResponseType("code"), scope,
                clientId, URI.create(REDIRECT)).endpointURI(endpoint(OidcResource.AUTHORIZE)).state(state);
        if (nonce != null) {
            builder.nonce(nonce);
        }
        if (verifier != null) {
            builder.codeChallenge(verifier, CodeChallengeMethod.S256);
        }
        return builder;
    }

    /** The path and query of a request URI, for the browser (which talks to the server's real address). */
    static String pathOf(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /**
     * Runs a request through the browser: signs in on the sign-in page when shown (with these
     * credentials), agrees on the consent page when shown, and returns where the provider sent the
     * browser back to.
     */
    URI authorize(OidcBrowser browser, AuthenticationRequest request, String email, String password) {
        OidcBrowser.Page page = browser.get(pathOf(request.toURI()));
        for (int step = 0; step < 3 && page.status() == 200; step++) {
            Map<String, String> fields = new java.util.LinkedHashMap<>(page.hidden());
            if (page.body().contains("name=\"password\"")) {
                fields.put("email", email);
                fields.put("password", password);
                page = browser.post(OidcResource.SIGN_IN, fields);
            } else if (page.body().contains("name=\"decision\"")) {
                fields.put("decision", "allow");
                page = browser.post(OidcResource.CONSENT, fields);
            }
        }
        assertThat(page.status()).as(page.body()).isEqualTo(303);
        return URI.create(page.location());
    }

    AuthenticationResponse parse(URI location) {
        try {
            return AuthenticationResponseParser.parse(location);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(location.toString(), e);
        }
    }

    AuthorizationCode codeFrom(URI location) {
        AuthenticationResponse response = parse(location);
        assertThat(response.indicatesSuccess()).as(location.toString()).isTrue();
        return response.toSuccessResponse().getAuthorizationCode();
    }

    ClientAuthentication basic() {
        return new ClientSecretBasic(clientId, secret);
    }

    ClientAuthentication post() {
        return new ClientSecretPost(clientId, secret);
    }

    TokenResponse token(ClientAuthentication auth, AuthorizationGrant grant) {
        return token(auth, grant, null);
    }

    TokenResponse token(ClientAuthentication auth, AuthorizationGrant grant, Scope scope) {
        try {
            TokenRequest request = auth == null
                    ? new TokenRequest(endpoint(OidcResource.ROOT + "/token"), clientId, grant, scope)
                    : new TokenRequest(endpoint(OidcResource.ROOT + "/token"), auth, grant, scope);
            return OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    TokenResponse redeem(ClientAuthentication auth, AuthorizationCode code, CodeVerifier verifier) {
        return token(auth, new AuthorizationCodeGrant(code, URI.create(REDIRECT), verifier));
    }

    /** The provider's published keys, as the relying party fetches them. */
    JWKSet keys() {
        try {
            return JWKSet.load(endpoint("/.well-known/jwks.json").toURL());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    IDTokenClaimsSet validate(JWT idToken, Nonce nonce) {
        try {
            return new IDTokenValidator(new Issuer(api.core.issuer()), clientId, JWSAlgorithm.RS256, keys())
                    .validate(idToken, nonce);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
