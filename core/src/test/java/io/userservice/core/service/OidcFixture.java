package io.userservice.core.service;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.InMemoryOidcState;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.AuthorizeUseCase;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.OidcTokenUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.out.OidcState;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.WebhookOutboxPort;
import io.userservice.core.settings.CoreSettings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * A core whose OpenID Connect state the test holds, so that it can register clients of any
 * shape and look at the codes and grants the use cases leave behind.
 */
final class OidcFixture {

    static final String REDIRECT = "https://app.example.com/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K9ygRQxJ7sK0ZbAj2GBdqVBYwAx";
    static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.7");

    final MutableClock clock = MutableClock.atSomeMoment();
    final RecordingUserNotifier notifier = new RecordingUserNotifier();
    final ServiceState state = InMemoryServiceState.create();
    final OidcState oidc = InMemoryOidcState.create();
    /** What the core told its observer of refresh tokens: the kinds issued and the refreshes' outcomes. */
    final List<Object> observed = new ArrayList<>();
    final UserServiceCore core;
    private InMemoryUserDirectory directory;

    OidcFixture() {
        this(CoreSettings.defaults());
    }

    OidcFixture(CoreSettings settings) {
        core = instanceWith(settings);
    }

    /** Another instance over the same state and clock, with other settings. */
    UserServiceCore instanceWith(CoreSettings settings) {
        return UserServiceCore.builder(settings, this::directory, state, notifier).clock(clock)
                .bcryptCost(4).oidcState(oidc).observer(new ServiceObserver() {
                    @Override
                    public void tokenIssued(TokenKind kind) {
                        if (kind == TokenKind.REFRESH) {
                            observed.add(kind);
                        }
                    }

                    @Override
                    public void refresh(RefreshOutcome outcome) {
                        observed.add(outcome);
                    }
                }).build();
    }

    private InMemoryUserDirectory directory(io.userservice.core.port.out.PasswordHasher hasher) {
        if (directory == null) {
            directory = new InMemoryUserDirectory(hasher);
        }
        return directory;
    }

    User aConfirmedUser(String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD, "Ada", "Lovelace", "en",
                ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        String code = notifier.lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow();
        return core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));
    }

    /** The session cookie of a browser signed in to the portal as this user. */
    String browserOf(String email) {
        return core.signInToPortal().signIn(new SignInToPortalUseCase.Command(email, CoreFixture.PASSWORD,
                ClientAddress.unknown())).sessionSecret();
    }

    static String secretOf(String clientId) {
        return "secret-of-" + clientId;
    }

    OidcClient client(String clientId, boolean publicClient, boolean requireConsent, Set<String> grants,
                      Set<String> scopes, Duration accessTtl, Duration refreshTtl) {
        OidcClient client = new OidcClient(clientId, publicClient ? null : Digests.sha256(secretOf(clientId)),
                "App " + clientId, List.of(REDIRECT, REDIRECT + "?tenant=7"), List.of(), grants, scopes, publicClient,
                requireConsent, accessTtl, refreshTtl, clock.instant());
        oidc.clients().create(client);
        return client;
    }

    /** A confidential client of the code and refresh grants, every scope, no consent asked. */
    OidcClient confidentialClient(String clientId) {
        return client(clientId, false, false, Set.of(OidcClient.AUTHORIZATION_CODE, OidcClient.REFRESH_TOKEN),
                OidcClient.SCOPES, null, null);
    }

    static Map<String, List<String>> params(String... namesAndValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return params;
    }

    AuthorizeUseCase.Outcome authorize(Map<String, List<String>> params, String browser) {
        return core.authorize().authorize(new AuthorizeUseCase.Command(params, browser, false, null, ADDRESS));
    }

    /** The code of a successful authorization for the client, with PKCE and a nonce. */
    String codeFor(String clientId, String browser, String scope) {
        AuthorizeUseCase.Outcome outcome = authorize(params("client_id", clientId, "redirect_uri", REDIRECT,
                "response_type", "code", "scope", scope, "nonce", "n-0S6", "code_challenge",
                OidcClaims.s256(VERIFIER), "code_challenge_method", "S256"), browser);
        return query(((AuthorizeUseCase.Redirect) outcome).location()).get("code");
    }

    OidcTokenUseCase.TokenResponse redeem(String clientId, String code) {
        return core.oidcToken().token(new OidcTokenUseCase.Command("authorization_code",
                new ClientCredentials(clientId, secretOf(clientId), ClientCredentials.Method.BASIC), code, REDIRECT,
                VERIFIER, null, null, ADDRESS));
    }

    OidcTokenUseCase.TokenResponse refresh(String clientId, String refreshToken, String scope) {
        return core.oidcToken().token(new OidcTokenUseCase.Command("refresh_token",
                new ClientCredentials(clientId, secretOf(clientId), ClientCredentials.Method.BASIC), null, null,
                null, refreshToken, scope, ADDRESS));
    }

    static Map<String, String> query(URI location) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The claims of a signed token, read without checking its signature. */
    static Map<String, Object> claimsOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return JwtClaims.parse(payload).getClaimsMap();
        } catch (InvalidJwtException e) {
            throw new AssertionError(e);
        }
    }

    /** Subscribes a webhook receiver to every event. */
    void listenToWebhooks() {
        core.administerWebhooks().create(Caller.operator(), new AdministerWebhooksUseCase.Settings(
                "https://hooks.example.com/", Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName)
                .toList(), null), ClientAddress.unknown());
    }

    /** The wire names of the webhook events raised so far and not yet read, in order. */
    List<String> webhookEvents() {
        List<String> all = new ArrayList<>();
        List<WebhookDelivery> claimed;
        do {
            claimed = state.webhookOutbox().claimDue(clock.instant(), clock.instant().plusSeconds(60), 100);
            claimed.forEach(d -> state.webhookOutbox().markDelivered(WebhookOutboxPort.Claim.of(d), clock.instant(),
                    200));
            claimed.forEach(d -> all.add(d.event().type().wireName()));
        } while (!claimed.isEmpty());
        return all;
    }

    List<AuditEvent> audited(AuditAction action) {
        return state.auditLog().newest(null, 500).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(action.storedForm())).toList();
    }
}
