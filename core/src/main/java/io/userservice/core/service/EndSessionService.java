package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuthorizationRequestException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.EndSessionUseCase;
import io.userservice.core.port.out.OidcClientPort;
import io.userservice.core.port.out.OidcTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). The client is named by the
 * {@code id_token_hint}'s audience or {@code client_id} (both must agree), and the browser goes
 * back only to a {@code post_logout_redirect_uri} registered for that client, exactly.
 */
final class EndSessionService implements EndSessionUseCase {

    private final OidcClientPort clients;
    private final OidcTokens oidcTokens;
    private final BrowserSessions sessions;
    private final AuditTrail audit;

    EndSessionService(OidcClientPort clients, OidcTokens oidcTokens, BrowserSessions sessions, AuditTrail audit) {
        this.clients = clients;
        this.oidcTokens = oidcTokens;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public Optional<URI> check(Command command) {
        String clientId = command.clientId();
        if (command.idTokenHint() != null) {
            OidcTokens.IdTokenHint hint = oidcTokens.readIdToken(command.idTokenHint())
                    .orElseThrow(() -> new AuthorizationRequestException("invalid_request",
                            "The logout request carries an ID token this service did not issue."));
            if (clientId != null && !clientId.equals(hint.clientId())) {
                throw new AuthorizationRequestException("invalid_request",
                        "The logout request names two different applications.");
            }
            clientId = hint.clientId();
        }
        if (command.postLogoutRedirectUri() == null) {
            return Optional.empty();
        }
        OidcClient client = clientId == null ? null : clients.find(clientId).orElse(null);
        if (client == null || !client.allowsLogoutRedirect(command.postLogoutRedirectUri())) {
            throw new AuthorizationRequestException("invalid_redirect_uri",
                    "The application asked to return to an address it has not registered.");
        }
        String target = command.postLogoutRedirectUri();
        if (command.state() != null && !command.state().isEmpty()) {
            target += (target.contains("?") ? "&" : "?") + "state="
                    + URLEncoder.encode(command.state(), StandardCharsets.UTF_8);
        }
        return Optional.of(URI.create(target));
    }

    @Override
    public Optional<URI> endSession(Command command) {
        Optional<URI> target = check(command);
        Optional<BrowserSessions.Signed> signed = sessions.current(command.sessionSecret());
        sessions.end(command.sessionSecret());
        audit.self(AuditAction.OIDC_LOGOUT, signed.map(s -> s.user().id()).orElse(null), command.clientAddress(),
                Outcome.SUCCESS, command.clientId() == null ? null : "client " + command.clientId());
        return target;
    }
}
