package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.OidcClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The registry of OpenID Connect clients, for administrators (role {@code admin}, acting with
 * their own credential) and the operator at the command line. A client's secret is shown once,
 * when it is made (at registration or rotation), and only its digest is kept.
 */
public interface ManageClientsUseCase {

    RegisteredClient register(RegisterCommand command);

    List<OidcClient> list(Caller caller);

    /** @throws io.userservice.core.domain.NotFoundException when there is no such client */
    OidcClient get(Caller caller, String clientId);

    OidcClient update(UpdateCommand command);

    void delete(Caller caller, String clientId, ClientAddress clientAddress);

    /** A new secret for a confidential client; the old one stops working at once. */
    RegisteredClient rotateSecret(Caller caller, String clientId, ClientAddress clientAddress);

    /** A client and its secret in clear (null for a public client). */
    record RegisteredClient(OidcClient client, String clientSecret) {
        @Override
        public String toString() {
            return "RegisteredClient[" + client + "]";
        }
    }

    /**
     * A client to register; {@code scopes} null allows every supported scope, a null lifetime keeps
     * the service's default.
     */
    record RegisterCommand(Caller caller, String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
                           Set<String> grantTypes, boolean publicClient, boolean requireConsent,
                           ClientAddress clientAddress, Set<String> scopes, Duration accessTokenLifetime,
                           Duration refreshTokenLifetime) {

        public RegisterCommand {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        public RegisterCommand(Caller caller, String name, List<String> redirectUris,
                               List<String> postLogoutRedirectUris, Set<String> grantTypes, boolean publicClient,
                               boolean requireConsent, ClientAddress clientAddress) {
            this(caller, name, redirectUris, postLogoutRedirectUris, grantTypes, publicClient, requireConsent,
                    clientAddress, null, null, null);
        }
    }

    /** A change to a client; null fields keep their value. */
    record UpdateCommand(Caller caller, String clientId, String name, List<String> redirectUris,
                         List<String> postLogoutRedirectUris, Set<String> grantTypes, Boolean requireConsent,
                         ClientAddress clientAddress, Set<String> scopes, Duration accessTokenLifetime,
                         Duration refreshTokenLifetime) {

        public UpdateCommand {
            Objects.requireNonNull(clientAddress, "clientAddress");
        }

        public UpdateCommand(Caller caller, String clientId, String name, List<String> redirectUris,
                             List<String> postLogoutRedirectUris, Set<String> grantTypes, Boolean requireConsent,
                             ClientAddress clientAddress) {
            this(caller, clientId, name, redirectUris, postLogoutRedirectUris, grantTypes, requireConsent,
                    clientAddress, null, null, null);
        }
    }
}
