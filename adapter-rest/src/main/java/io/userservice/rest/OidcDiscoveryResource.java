package io.userservice.rest;

import io.userservice.core.domain.SignInMethods;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenID Provider metadata (OpenID Connect Discovery 1.0). The issuer is the tokens' {@code iss};
 * every endpoint is under the configured public URL, never the request's host.
 */
@Path("/.well-known/openid-configuration")
public final class OidcDiscoveryResource {

    private final Map<String, Object> metadata;

    OidcDiscoveryResource(String issuer, String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", base + OidcResource.AUTHORIZE);
        m.put("token_endpoint", base + OidcResource.ROOT + "/token");
        m.put("userinfo_endpoint", base + OidcResource.ROOT + "/userinfo");
        m.put("jwks_uri", base + "/.well-known/jwks.json");
        m.put("revocation_endpoint", base + OidcResource.ROOT + "/revoke");
        m.put("introspection_endpoint", base + OidcResource.ROOT + "/introspect");
        m.put("end_session_endpoint", base + OidcResource.LOGOUT);
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        List<String> clientAuth = List.of("client_secret_basic", "client_secret_post", "none");
        m.put("token_endpoint_auth_methods_supported", clientAuth);
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("subject_types_supported", List.of("public"));
        m.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        m.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "sid",
                "azp", "amr", "acr", "email", "email_verified", "given_name", "family_name", "locale"));
        m.put("acr_values_supported", SignInMethods.ACR_VALUES);
        m.put("prompt_values_supported", List.of("none", "login", "consent"));
        m.put("ui_locales_supported", List.of("en", "de", "fr", "es"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("request_parameter_supported", false);
        m.put("request_uri_parameter_supported", false);
        m.put("claims_parameter_supported", false);
        this.metadata = java.util.Collections.unmodifiableMap(m);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        return Response.ok(metadata).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }
}
