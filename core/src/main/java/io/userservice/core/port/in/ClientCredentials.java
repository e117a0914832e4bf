package io.userservice.core.port.in;

/**
 * How an OpenID Connect client authenticated to the token, revocation or introspection endpoint:
 * its id and, for a confidential client, its secret ({@code client_secret_basic} or
 * {@code client_secret_post}); a public client sends only its id ({@code none}).
 */
public record ClientCredentials(String clientId, String secret, Method method) {

    public enum Method { BASIC, POST, NONE }

    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + ", " + method + "]";
    }
}
