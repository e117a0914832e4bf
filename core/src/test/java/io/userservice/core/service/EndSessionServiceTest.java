package io.userservice.core.service;

import static io.userservice.core.service.OidcFixture.ADDRESS;
import static io.userservice.core.service.OidcFixture.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.AuthorizationRequestException;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.EndSessionUseCase;
import io.userservice.core.port.in.OidcTokenUseCase.TokenResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * RP-initiated logout: the client is named by the ID token hint or the client id, which must
 * agree; a hint must be an ID token this service signed (an access token or a foreign token is
 * refused, an expired ID token is fine); the browser returns only to a post-logout URI registered
 * for that very client, with the state appended; a refused request ends nothing; an accepted one
 * ends the browser's portal session and is audited under its user.
 */
class EndSessionServiceTest {

    private static final String BYE = "https://app.example.com/bye";
    private static final String BYE_OF_TENANT = "https://app.example.com/bye?tenant=7";
    private static final String OTHERS_BYE = "https://other.example.org/bye";

    private final OidcFixture oidc = new OidcFixture();
    private final EndSessionUseCase endSession = oidc.core.endSession();
    private final User ada = oidc.aConfirmedUser("ada@example.com");
    private final String browser = oidc.browserOf("ada@example.com");
    private final TokenResponse tokens;

    EndSessionServiceTest() {
        client("app", List.of(BYE, BYE_OF_TENANT));
        client("other", List.of(OTHERS_BYE));
        tokens = oidc.redeem("app", oidc.codeFor("app", browser, "openid"));
    }

    private void client(String clientId, List<String> postLogoutRedirectUris) {
        oidc.oidc.clients().create(new OidcClient(clientId, Digests.sha256(OidcFixture.secretOf(clientId)),
                "App " + clientId, List.of(REDIRECT), postLogoutRedirectUris,
                Set.of(OidcClient.AUTHORIZATION_CODE, OidcClient.REFRESH_TOKEN), OidcClient.SCOPES, false, false,
                null, null, oidc.clock.instant()));
    }

    private static EndSessionUseCase.Command command(String hint, String clientId, String uri, String state,
                                                     String session) {
        return new EndSessionUseCase.Command(hint, clientId, uri, state, session, ADDRESS);
    }

    private boolean signedIn(String session) {
        return oidc.core.currentPortalUser().currentUser(session).isPresent();
    }

    private void assertRefusedAndNothingEnded(EndSessionUseCase.Command command, String code, String message) {
        ThrowingCallable check = () -> endSession.check(command);
        ThrowingCallable end = () -> endSession.endSession(command);
        assertThatThrownBy(check).isInstanceOf(AuthorizationRequestException.class)
                .hasFieldOrPropertyWithValue("code", code).hasMessage(message);
        assertThatThrownBy(end).isInstanceOf(AuthorizationRequestException.class)
                .hasFieldOrPropertyWithValue("code", code);
        assertThat(signedIn(browser)).isTrue();
        assertThat(oidc.audited(AuditAction.OIDC_LOGOUT)).isEmpty();
    }

    @Test
    void aHintThisServiceDidNotIssueAsAnIdTokenIsRefused() {
        String foreign = "The logout request carries an ID token this service did not issue.";

        assertRefusedAndNothingEnded(command("not-a-token", null, BYE, null, browser), "invalid_request", foreign);
        assertRefusedAndNothingEnded(command(tokens.accessToken(), "app", BYE, null, browser), "invalid_request",
                foreign);
        assertRefusedAndNothingEnded(command(tokens.idToken() + "x", null, null, null, browser), "invalid_request",
                foreign);
    }

    @Test
    void aHintAndAClientIdNamingTwoApplicationsAreRefused() {
        assertRefusedAndNothingEnded(command(tokens.idToken(), "other", OTHERS_BYE, null, browser),
                "invalid_request", "The logout request names two different applications.");
        assertRefusedAndNothingEnded(command(tokens.idToken(), "other", null, null, browser),
                "invalid_request", "The logout request names two different applications.");
    }

    @Test
    void theHintNamesTheClientAloneOrAgreeingWithTheClientId() {
        assertThat(endSession.check(command(tokens.idToken(), null, BYE, null, null)))
                .contains(URI.create(BYE));
        assertThat(endSession.check(command(tokens.idToken(), "app", BYE, null, null)))
                .contains(URI.create(BYE));
        assertRefusedAndNothingEnded(command(tokens.idToken(), null, OTHERS_BYE, null, browser),
                "invalid_redirect_uri", "The application asked to return to an address it has not registered.");
    }

    @Test
    void anExpiredIdTokenStillNamesTheClient() {
        oidc.clock.advance(Duration.ofDays(2));

        assertThat(endSession.check(command(tokens.idToken(), null, BYE, null, null))).contains(URI.create(BYE));
    }

    @Test
    void withoutAPostLogoutUriTheBrowserGoesNowhereWhoeverIsNamed() {
        assertThat(endSession.check(command(null, null, null, "s", browser))).isEmpty();
        assertThat(endSession.check(command(null, "no-such-client", null, "s", browser))).isEmpty();
        assertThat(endSession.check(command(tokens.idToken(), null, null, "s", browser))).isEmpty();
        assertThat(signedIn(browser)).isTrue();
    }

    @Test
    void theBrowserReturnsOnlyToAUriRegisteredForThatVeryClient() {
        String unregistered = "The application asked to return to an address it has not registered.";

        assertRefusedAndNothingEnded(command(null, null, BYE, null, browser), "invalid_redirect_uri", unregistered);
        assertRefusedAndNothingEnded(command(null, "no-such-client", BYE, null, browser), "invalid_redirect_uri",
                unregistered);
        assertRefusedAndNothingEnded(command(null, "app", OTHERS_BYE, null, browser), "invalid_redirect_uri",
                unregistered);
        assertRefusedAndNothingEnded(command(null, "app", BYE + "/", null, browser), "invalid_redirect_uri",
                unregistered);
        assertRefusedAndNothingEnded(command(null, "app", REDIRECT, null, browser), "invalid_redirect_uri",
                unregistered);
        assertThat(endSession.check(command(null, "other", OTHERS_BYE, null, null))).contains(URI.create(OTHERS_BYE));
    }

    @Test
    void theStateIsAppendedEncodedAndOnlyWhenThereIsOne() {
        assertThat(endSession.check(command(null, "app", BYE, "a b&c=d", null)))
                .contains(URI.create(BYE + "?state=a+b%26c%3Dd"));
        assertThat(endSession.check(command(null, "app", BYE_OF_TENANT, "xyz", null)))
                .contains(URI.create(BYE_OF_TENANT + "&state=xyz"));
        assertThat(endSession.check(command(null, "app", BYE, "", null))).contains(URI.create(BYE));
        assertThat(endSession.check(command(null, "app", BYE_OF_TENANT, null, null)))
                .contains(URI.create(BYE_OF_TENANT));
    }

    @Test
    void endingTheSessionSignsTheBrowserOutAndAuditsItsUser() {
        String otherBrowser = oidc.browserOf("ada@example.com");

        Optional<URI> target = endSession.endSession(command(null, "app", BYE, "xyz", browser));

        assertThat(target).contains(URI.create(BYE + "?state=xyz"));
        assertThat(signedIn(browser)).isFalse();
        assertThat(signedIn(otherBrowser)).isTrue();
        List<AuditEvent> logouts = oidc.audited(AuditAction.OIDC_LOGOUT);
        assertThat(logouts).hasSize(1);
        assertThat(logouts.get(0).actorId()).isEqualTo(ada.id());
        assertThat(logouts.get(0).subjectId()).isEqualTo(ada.id());
        assertThat(logouts.get(0).outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(logouts.get(0).clientAddress()).isEqualTo("192.0.2.7");
        assertThat(logouts.get(0).detail()).isEqualTo("client app");
    }

    @Test
    void aLogoutWithoutALiveSessionIsStillAuditedWithNoUser() {
        endSession.endSession(command(tokens.idToken(), null, null, null, browser));

        Optional<URI> again = endSession.endSession(new EndSessionUseCase.Command(tokens.idToken(), null, BYE, null,
                browser, ClientAddress.unknown()));

        assertThat(again).contains(URI.create(BYE));
        assertThat(signedIn(browser)).isFalse();
        List<AuditEvent> logouts = oidc.audited(AuditAction.OIDC_LOGOUT);
        assertThat(logouts).hasSize(2);
        assertThat(logouts.get(0).actorId()).isNull();
        assertThat(logouts.get(0).subjectId()).isNull();
        assertThat(logouts.get(0).clientAddress()).isNull();
        assertThat(logouts.get(0).detail()).isNull();
        assertThat(logouts.get(1).actorId()).isEqualTo(ada.id());
        assertThat(logouts.get(1).detail()).isNull();
    }
}
