package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.ManageClientsUseCase;
import io.userservice.core.port.out.OidcClientPort;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

final class ManageClientsService implements ManageClientsUseCase {

    private static final String DENIED = "Only administrators may manage OpenID Connect clients.";

    private final OidcClientPort clients;
    private final Administrators administrators;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final AuditTrail audit;
    private final CoreSettings settings;

    ManageClientsService(OidcClientPort clients, Administrators administrators, SecretGenerator secrets, Clock clock,
                         AuditTrail audit, CoreSettings settings) {
        this.settings = settings;
        this.clients = clients;
        this.administrators = administrators;
        this.secrets = secrets;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public RegisteredClient register(RegisterCommand command) {
        require(command.caller(), command.clientAddress(), "register a client");
        String secret = command.publicClient() ? null : secrets.newSecret();
        OidcClient client = OidcClient.validated(secrets.newSecret().substring(0, 22),
                secret == null ? null : Digests.sha256(secret), command.name(), command.redirectUris(),
                command.postLogoutRedirectUris(), command.grantTypes(), command.publicClient(),
                command.requireConsent(), clock.instant())
                .withTokenPolicy(command.scopes(), command.accessTokenLifetime(), command.refreshTokenLifetime(),
                        maxAccessTtl(), settings.sessionMaxLifetime());
        clients.create(client);
        changed(command.caller(), command.clientAddress(), "registered " + client.clientId());
        return new RegisteredClient(client, secret);
    }

    @Override
    public List<OidcClient> list(Caller caller) {
        require(caller, ClientAddress.unknown(), "list clients");
        return clients.list();
    }

    @Override
    public OidcClient get(Caller caller, String clientId) {
        require(caller, ClientAddress.unknown(), "read a client");
        return find(clientId);
    }

    @Override
    public OidcClient update(UpdateCommand command) {
        require(command.caller(), command.clientAddress(), "change a client");
        OidcClient old = find(command.clientId());
        OidcClient checked = OidcClient.validated(old.clientId(), old.secretDigest(),
                command.name() != null ? command.name() : old.name(),
                command.redirectUris() != null ? command.redirectUris() : old.redirectUris(),
                command.postLogoutRedirectUris() != null ? command.postLogoutRedirectUris()
                        : old.postLogoutRedirectUris(),
                command.grantTypes() != null ? command.grantTypes() : old.grantTypes(), old.publicClient(),
                command.requireConsent() != null ? command.requireConsent() : old.requireConsent(), old.createdAt());
        OidcClient updated = checked.withTokenPolicy(command.scopes() != null ? command.scopes() : old.scopes(),
                command.accessTokenLifetime() != null ? command.accessTokenLifetime() : old.accessTokenTtl(),
                command.refreshTokenLifetime() != null ? command.refreshTokenLifetime() : old.refreshTokenTtl(),
                maxAccessTtl(), settings.sessionMaxLifetime());
        if (!clients.update(updated)) {
            throw notFound();
        }
        changed(command.caller(), command.clientAddress(), "changed " + updated.clientId());
        return updated;
    }

    @Override
    public void delete(Caller caller, String clientId, ClientAddress clientAddress) {
        require(caller, clientAddress, "delete a client");
        if (!clients.delete(clientId)) {
            throw notFound();
        }
        changed(caller, clientAddress, "deleted " + clientId);
    }

    @Override
    public RegisteredClient rotateSecret(Caller caller, String clientId, ClientAddress clientAddress) {
        require(caller, clientAddress, "rotate a client secret");
        OidcClient client = find(clientId);
        if (client.publicClient()) {
            throw new InvalidInputException("public_client", "clientId", "A public client has no secret.");
        }
        String secret = secrets.newSecret();
        OidcClient rotated = client.withSecretDigest(Digests.sha256(secret));
        if (!clients.update(rotated)) {
            throw notFound();
        }
        changed(caller, clientAddress, "rotated the secret of " + clientId);
        return new RegisteredClient(rotated, secret);
    }

    /** A client's access tokens live at most as long as the longest portal token, an hour by default. */
    private Duration maxAccessTtl() {
        return settings.portalTokenMaxLifetime();
    }

    private OidcClient find(String clientId) {
        return clients.find(clientId).orElseThrow(ManageClientsService::notFound);
    }

    private void require(Caller caller, ClientAddress clientAddress, String what) {
        administrators.require(AuditAction.OIDC_CLIENT_CHANGED, caller, null, clientAddress,
                "not an administrator: " + what, DENIED);
    }

    private void changed(Caller caller, ClientAddress clientAddress, String detail) {
        audit.record(AuditAction.OIDC_CLIENT_CHANGED, caller.auditActor(), null, clientAddress, Outcome.SUCCESS,
                detail);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("client_not_found", "There is no such client.");
    }
}
