package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.OAuthException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.out.OidcClientPort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Authenticates OpenID Connect clients: a confidential client by its secret (compared by digest,
 * in constant time), a public client by its id alone. Every failure is audited and answered with
 * the same {@code invalid_client}, whether the client is unknown or the secret wrong.
 */
final class ClientAuthentication {

    private static final int MAX_LENGTH = 512;

    private final OidcClientPort clients;
    private final AuditTrail audit;

    ClientAuthentication(OidcClientPort clients, AuditTrail audit) {
        this.clients = clients;
        this.audit = audit;
    }

    OidcClient authenticate(ClientCredentials credentials, ClientAddress clientAddress) {
        if (credentials == null || credentials.clientId() == null || credentials.clientId().length() > MAX_LENGTH
                || credentials.secret() != null && credentials.secret().length() > MAX_LENGTH) {
            throw failed(null, clientAddress, "malformed client credentials");
        }
        OidcClient client = clients.find(credentials.clientId()).orElse(null);
        if (client == null) {
            throw failed(null, clientAddress, "unknown client");
        }
        if (client.publicClient()) {
            if (credentials.method() != ClientCredentials.Method.NONE || credentials.secret() != null) {
                throw failed(client, clientAddress, "a public client sent a secret");
            }
            return client;
        }
        if (credentials.method() == ClientCredentials.Method.NONE || credentials.secret() == null
                || client.secretDigest() == null
                || !MessageDigest.isEqual(Digests.sha256(credentials.secret()).getBytes(StandardCharsets.US_ASCII),
                client.secretDigest().getBytes(StandardCharsets.US_ASCII))) {
            throw failed(client, clientAddress, "wrong or missing secret");
        }
        return client;
    }

    private OAuthException failed(OidcClient client, ClientAddress clientAddress, String detail) {
        audit.record(AuditAction.OIDC_CLIENT_AUTHENTICATION, Actor.unknown(), null, clientAddress, Outcome.DENIED,
                (client == null ? "" : "client " + client.clientId() + ": ") + detail);
        return OAuthException.invalidClient();
    }
}
