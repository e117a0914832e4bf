package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuthorizationCode;
import io.userservice.core.domain.AuthorizationRequestException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.port.in.AuthorizeUseCase;
import io.userservice.core.port.out.AuthorizationCodePort;
import io.userservice.core.port.out.OidcClientPort;
import io.userservice.core.port.out.OidcConsentPort;
import io.userservice.core.port.out.OidcTokens;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The authorization endpoint's decisions, in the order OpenID Connect Core §3.1.2 asks: the
 * client and its redirect URI first (a failure there is shown, never redirected), then the rest
 * of the request (failures go back to the client), then the browser session, then consent, and
 * finally a code of 256 random bits that lives {@link #CODE_TTL}.
 */
final class AuthorizeService implements AuthorizeUseCase {

    static final Duration CODE_TTL = Duration.ofSeconds(60);
    /** The longest ID token a code keeps, as stored (the column holds 4,000 characters). */
    static final int MAX_KEPT_ID_TOKEN = 4000;
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_VALUE_LENGTH = 2048;

    private final OidcClientPort clients;
    private final AuthorizationCodePort codes;
    private final OidcConsentPort consents;
    private final OidcTokens oidcTokens;
    private final BrowserSessions sessions;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final AuditTrail audit;
    private final String issuer;
    private final OidcClaims claims;
    private final CoreSettings settings;
    private final OutboxCodeSealer sealer;

    AuthorizeService(OidcClientPort clients, AuthorizationCodePort codes, OidcConsentPort consents,
                     OidcTokens oidcTokens, BrowserSessions sessions, SecretGenerator secrets, Clock clock,
                     AuditTrail audit, String issuer, CoreSettings settings, OutboxCodeSealer sealer) {
        this.clients = clients;
        this.codes = codes;
        this.consents = consents;
        this.oidcTokens = oidcTokens;
        this.sessions = sessions;
        this.secrets = secrets;
        this.clock = clock;
        this.audit = audit;
        this.issuer = issuer;
        this.claims = new OidcClaims(oidcTokens);
        this.settings = settings;
        this.sealer = sealer;
    }

    @Override
    public Outcome authorize(Command command) {
        Map<String, List<String>> params = command.parameters();
        String clientId = single(params, "client_id");
        String redirectUri = single(params, "redirect_uri");
        OidcClient client = clientId == null || repeated(params, "client_id") ? null
                : clients.find(clientId).orElse(null);
        if (client == null) {
            throw new AuthorizationRequestException("invalid_client",
                    "The application that sent you here is not known to this service.");
        }
        if (redirectUri == null || repeated(params, "redirect_uri") || !client.allowsRedirect(redirectUri)) {
            throw new AuthorizationRequestException("invalid_redirect_uri",
                    "The application that sent you here asked to return to an address it has not registered.");
        }
        Request request = new Request(client, redirectUri, single(params, "state"));
        try {
            return decide(command, params, request);
        } catch (RequestError e) {
            return request.error(e.error, e.getMessage());
        }
    }

    private Outcome decide(Command command, Map<String, List<String>> params, Request request) {
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            if (entry.getValue().size() > 1) {
                throw new RequestError("invalid_request", "Parameter " + entry.getKey() + " was sent more than once.");
            }
            if (entry.getValue().stream().anyMatch(v -> v != null && v.length() > MAX_VALUE_LENGTH)) {
                throw new RequestError("invalid_request", "Parameter " + entry.getKey() + " is too long.");
            }
        }
        if (Boolean.FALSE.equals(command.consent())) {
            throw new RequestError("access_denied", "The user did not allow the access.");
        }
        if (params.containsKey("request")) {
            throw new RequestError("request_not_supported", "Request objects are not supported.");
        }
        if (params.containsKey("request_uri")) {
            throw new RequestError("request_uri_not_supported", "Request objects are not supported.");
        }
        String responseMode = single(params, "response_mode");
        if (responseMode != null && !responseMode.equals("query")) {
            throw new RequestError("invalid_request", "Only response_mode=query is supported.");
        }
        String responseType = single(params, "response_type");
        if (responseType == null) {
            throw new RequestError("invalid_request", "response_type is required.");
        }
        if (!responseType.equals("code")) {
            throw new RequestError("unsupported_response_type", "Only the authorization code flow (code) is supported.");
        }
        OidcClient client = request.client;
        if (!client.allowsGrant(OidcClient.AUTHORIZATION_CODE)) {
            throw new RequestError("unauthorized_client", "This client may not use the authorization code flow.");
        }
        Set<String> scopes = OidcScopes.parse(single(params, "scope"));
        if (!scopes.contains("openid")) {
            throw new RequestError("invalid_scope", "The scope must include openid.");
        }
        if (!client.scopes().containsAll(scopes)) {
            throw new RequestError("invalid_scope", "This client may ask only for the scopes "
                    + String.join(" ", client.scopes().stream().sorted().toList()) + ".");
        }
        String challenge = single(params, "code_challenge");
        String method = single(params, "code_challenge_method");
        if (challenge == null && method != null) {
            throw new RequestError("invalid_request", "code_challenge_method without code_challenge.");
        }
        if (challenge != null && !"S256".equals(method)) {
            throw new RequestError("invalid_request", "code_challenge_method must be S256.");
        }
        if (challenge != null && !CODE_CHALLENGE.matcher(challenge).matches()) {
            throw new RequestError("invalid_request", "code_challenge is not an S256 challenge.");
        }
        if (challenge == null && client.publicClient()) {
            throw new RequestError("invalid_request", "A public client must use PKCE (code_challenge, S256).");
        }
        Set<String> prompts = OidcScopes.parse(single(params, "prompt"));
        if (prompts.contains("none") && prompts.size() > 1) {
            throw new RequestError("invalid_request", "prompt=none cannot be combined with other values.");
        }
        Long maxAge = maxAge(single(params, "max_age"));
        String hintText = single(params, "id_token_hint");
        OidcTokens.IdTokenHint hint = null;
        if (hintText != null) {
            hint = oidcTokens.readIdToken(hintText)
                    .orElseThrow(() -> new RequestError("invalid_request", "id_token_hint is not an ID token of this issuer."));
        }

        Instant now = clock.instant();
        Optional<BrowserSessions.Signed> session = sessions.current(command.sessionSecret());
        if (hint != null && session.isPresent() && session.get().user().id() != hint.userId()) {
            session = Optional.empty();
        }
        boolean mustSignIn = session.isEmpty()
                || !command.freshSignIn() && (prompts.contains("login")
                || maxAge != null && session.get().session().createdAt().plusSeconds(maxAge).isBefore(now));
        if (mustSignIn) {
            if (prompts.contains("none")) {
                throw new RequestError("login_required", "The user is not signed in.");
            }
            return new SignInRequired(client.name(), single(params, "login_hint"));
        }
        BrowserSessions.Signed signed = session.get();
        if (client.requireConsent()) {
            boolean known = !prompts.contains("consent")
                    && consents.granted(signed.user().id(), client.clientId()).containsAll(scopes);
            if (!known && Boolean.TRUE.equals(command.consent())) {
                consents.grant(signed.user().id(), client.clientId(), scopes);
            } else if (!known) {
                if (prompts.contains("none")) {
                    throw new RequestError("consent_required", "The user has not agreed to give this client the scopes.");
                }
                return new ConsentRequired(client.name(), List.copyOf(scopes));
            }
        }
        String code = secrets.newSecret();
        String codeHash = Digests.sha256(code);
        String nonce = single(params, "nonce");
        // the ID token is signed now, when the user is known to be signed in, so that the
        // redemption signs only the access token (it re-signs if the claims changed meanwhile);
        // it is kept sealed with the key-encryption key when one is set, like the outbox's codes
        Duration accessTtl = client.accessTokenTtl() != null ? client.accessTokenTtl() : settings.accessTokenTtl();
        String idToken = sealer.sealCode(idTokenSealingKey(codeHash), claims.idToken(signed.user(), client.clientId(),
                scopes, nonce, signed.session().createdAt(), signed.session().amr(), signed.sessionId(), null, now,
                now.plus(accessTtl)));
        if (idToken.length() > MAX_KEPT_ID_TOKEN) {
            // a request with very long values (a nonce of 2 KB): the redemption signs it instead
            idToken = null;
        }
        codes.save(new AuthorizationCode(codeHash, client.clientId(), signed.user().id(),
                request.redirectUri, challenge, nonce, String.join(" ", scopes),
                signed.session().createdAt(), signed.sessionId(), signed.user().credentialEpoch(), now,
                now.plus(CODE_TTL), signed.session().amr(), idToken,
                idToken == null ? null : OidcClaims.fingerprint(signed.user(), scopes)));
        audit.self(AuditAction.OIDC_AUTHORIZATION, signed.user().id(), command.clientAddress(),
                io.userservice.core.domain.Outcome.SUCCESS,
                "client " + client.clientId());
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        return request.redirect(answer);
    }

    /** What a code's ID token is sealed for: this code and no other. */
    static String idTokenSealingKey(String codeHash) {
        return "oidc-id-token:" + codeHash;
    }

    private static Long maxAge(String text) {
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RequestError("invalid_request", "max_age must be a whole number of seconds.");
        }
    }

    private static boolean repeated(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values != null && values.size() > 1;
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The validated client and redirect URI, to which every later answer goes. */
    private final class Request {
        final OidcClient client;
        final String redirectUri;
        final String state;

        Request(OidcClient client, String redirectUri, String state) {
            this.client = client;
            this.redirectUri = redirectUri;
            this.state = state;
        }

        Redirect error(String error, String description) {
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("error", error);
            answer.put("error_description", description);
            return redirect(answer);
        }

        Redirect redirect(Map<String, String> answer) {
            if (state != null) {
                answer.put("state", state);
            }
            answer.put("iss", issuer);
            StringBuilder location = new StringBuilder(redirectUri);
            char separator = redirectUri.contains("?") ? '&' : '?';
            for (Map.Entry<String, String> entry : answer.entrySet()) {
                location.append(separator).append(entry.getKey()).append('=')
                        .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
            return new Redirect(URI.create(location.toString()));
        }
    }

    private static final class RequestError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String error;

        RequestError(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }
    }
}
