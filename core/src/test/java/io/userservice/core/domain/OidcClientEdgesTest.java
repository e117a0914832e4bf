package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OidcClientEdgesTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    private static final String CALLBACK = "https://app.example.com/callback";
    private static final Duration MAX_ACCESS = Duration.ofHours(1);
    private static final Duration MAX_REFRESH = Duration.ofDays(30);

    private static OidcClient confidential(List<String> redirects, List<String> logouts, Set<String> grants) {
        return OidcClient.validated("client-1", "digest", "Shop", redirects, logouts, grants, false, true, CREATED);
    }

    private static OidcClient withRedirects(List<String> redirects) {
        return confidential(redirects, List.of(), Set.of(OidcClient.AUTHORIZATION_CODE));
    }

    private static OidcClient withLogouts(List<String> logouts) {
        return confidential(List.of(CALLBACK), logouts, Set.of(OidcClient.AUTHORIZATION_CODE));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refusedRedirect(String uri) {
        return assertThatThrownBy(() -> withRedirects(List.of(uri))).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "invalid_client_metadata")
                .hasFieldOrPropertyWithValue("field", "redirectUris");
    }

    /** A https URI of exactly {@code length} characters, distinct for each {@code n}. */
    private static String uriOfLength(int length, int n) {
        String start = "https://app.example.com/" + n + "/";
        return start + "x".repeat(length - start.length());
    }

    @Nested
    @DisplayName("registration")
    class Registration {

        @Test
        void aValidatedClientKeepsWhatWasAskedStripsTheNameAndMayAskForEveryScope() {
            OidcClient client = OidcClient.validated("client-1", "digest", "  Shop  ", List.of(CALLBACK),
                    List.of("https://app.example.com/bye"), Set.of(OidcClient.AUTHORIZATION_CODE), false, true, CREATED);

            assertThat(client.clientId()).isEqualTo("client-1");
            assertThat(client.secretDigest()).isEqualTo("digest");
            assertThat(client.name()).isEqualTo("Shop");
            assertThat(client.redirectUris()).containsExactly(CALLBACK);
            assertThat(client.postLogoutRedirectUris()).containsExactly("https://app.example.com/bye");
            assertThat(client.grantTypes()).containsExactly(OidcClient.AUTHORIZATION_CODE);
            assertThat(client.scopes()).isEqualTo(OidcClient.SCOPES);
            assertThat(client.publicClient()).isFalse();
            assertThat(client.requireConsent()).isTrue();
            assertThat(client.accessTokenTtl()).isNull();
            assertThat(client.refreshTokenTtl()).isNull();
            assertThat(client.createdAt()).isEqualTo(CREATED);
        }

        @Test
        void withoutGrantTypesAClientUsesTheAuthorizationCodeAndRefreshGrants() {
            Set<String> expected = Set.of(OidcClient.AUTHORIZATION_CODE, OidcClient.REFRESH_TOKEN);

            assertThat(confidential(List.of(CALLBACK), List.of(), null).grantTypes()).isEqualTo(expected);
            assertThat(confidential(List.of(CALLBACK), List.of(), Set.of()).grantTypes()).isEqualTo(expected);
            assertThat(OidcClient.validated("spa", null, "SPA", List.of(CALLBACK), null, null, true, false, CREATED)
                    .grantTypes()).isEqualTo(expected);
        }

        @Test
        void aMachineClientNeedsNoRedirectUriAndMissingListsAreEmpty() {
            OidcClient machine = OidcClient.validated("batch", "digest", "Batch", null, null,
                    Set.of(OidcClient.CLIENT_CREDENTIALS), false, false, CREATED);

            assertThat(machine.redirectUris()).isEmpty();
            assertThat(machine.postLogoutRedirectUris()).isEmpty();
            assertThat(machine.allowsGrant(OidcClient.CLIENT_CREDENTIALS)).isTrue();
            assertThat(machine.allowsGrant(OidcClient.AUTHORIZATION_CODE)).isFalse();
        }

        @Test
        void theNameIsRequiredAtMost200CharactersAndFreeOfControlCharacters() {
            assertThat(OidcClient.validated("c", null, "n".repeat(200), List.of(CALLBACK), List.of(), null, true,
                    false, CREATED).name()).hasSize(200);
            for (String name : Arrays.asList(null, "", "   ", "n".repeat(201), "Sh\u0000op", "Sh\u2028op")) {
                assertThatThrownBy(() -> OidcClient.validated("c", null, name, List.of(CALLBACK), List.of(), null, true,
                        false, CREATED)).as(String.valueOf(name)).isInstanceOf(InvalidInputException.class)
                        .hasFieldOrPropertyWithValue("code", "invalid_client_metadata")
                        .hasFieldOrPropertyWithValue("field", "name")
                        .hasMessage("A name of 1 to 200 characters is required.");
            }
        }

        @Test
        void onlyTheThreeKnownGrantTypesAreAccepted() {
            Set<String> withNull = new HashSet<>(Arrays.asList(OidcClient.AUTHORIZATION_CODE, null));
            for (Set<String> grants : List.of(Set.of("implicit"), Set.of(OidcClient.AUTHORIZATION_CODE, "password"),
                    withNull)) {
                assertThatThrownBy(() -> confidential(List.of(CALLBACK), List.of(), grants))
                        .isInstanceOf(InvalidInputException.class)
                        .hasFieldOrPropertyWithValue("field", "grantTypes")
                        .hasMessageContaining("authorization_code, refresh_token and client_credentials");
            }
            assertThat(confidential(List.of(CALLBACK), List.of(), OidcClient.GRANT_TYPES).grantTypes())
                    .isEqualTo(OidcClient.GRANT_TYPES);
        }

        @Test
        void aPublicClientCannotUseClientCredentials() {
            assertThatThrownBy(() -> OidcClient.validated("spa", null, "SPA", List.of(CALLBACK), List.of(),
                    Set.of(OidcClient.AUTHORIZATION_CODE, OidcClient.CLIENT_CREDENTIALS), true, false, CREATED))
                    .isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("field", "grantTypes")
                    .hasMessage("A public client cannot use client_credentials: it has no secret.");
        }

        @Test
        void anAuthorizationCodeClientNeedsARedirectUri() {
            for (List<String> none : Arrays.asList(null, List.<String>of())) {
                assertThatThrownBy(() -> confidential(none, List.of(), Set.of(OidcClient.AUTHORIZATION_CODE)))
                        .isInstanceOf(InvalidInputException.class)
                        .hasFieldOrPropertyWithValue("field", "redirectUris")
                        .hasMessage("A client of the authorization code flow needs at least one redirect URI.");
            }
            assertThat(confidential(List.of(), List.of(), Set.of(OidcClient.REFRESH_TOKEN)).redirectUris()).isEmpty();
        }

        @Test
        void aPublicClientHasNoSecret() {
            assertThatThrownBy(() -> new OidcClient("spa", "digest", "SPA", List.of(CALLBACK), List.of(),
                    Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES, true, false, null, null, CREATED))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("a public client has no secret");
            assertThat(new OidcClient("spa", null, "SPA", List.of(CALLBACK), List.of(),
                    Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES, true, false, null, null, CREATED)
                    .publicClient()).isTrue();
        }

        @Test
        void theClientKeepsItsOwnCopiesOfTheLists() {
            List<String> redirects = new ArrayList<>(List.of(CALLBACK));
            Set<String> grants = new HashSet<>(Set.of(OidcClient.AUTHORIZATION_CODE));
            OidcClient client = confidential(redirects, List.of(), grants);

            redirects.add("https://evil.example.com/");
            grants.add(OidcClient.CLIENT_CREDENTIALS);

            assertThat(client.redirectUris()).containsExactly(CALLBACK);
            assertThat(client.allowsGrant(OidcClient.CLIENT_CREDENTIALS)).isFalse();
        }
    }

    @Nested
    @DisplayName("redirect URI lists")
    class UriLists {

        @Test
        void atMostTwentyUrisAreAllowedInEachList() {
            List<String> twenty = IntStream.range(0, 20).mapToObj(i -> CALLBACK + "/" + i).collect(Collectors.toList());
            List<String> twentyOne = IntStream.range(0, 21).mapToObj(i -> CALLBACK + "/" + i).collect(Collectors.toList());

            assertThat(withRedirects(twenty).redirectUris()).hasSize(20);
            assertThat(withLogouts(twenty).postLogoutRedirectUris()).hasSize(20);
            assertThatThrownBy(() -> withRedirects(twentyOne)).isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("field", "redirectUris")
                    .hasMessage("At most 20 URIs of 4000 characters in all are allowed.");
            assertThatThrownBy(() -> withLogouts(twentyOne)).isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("field", "postLogoutRedirectUris");
        }

        @Test
        void theUrisOfAListMayTakeUpTo4000CharactersJoinedBySpaces() {
            List<String> exactly = List.of(uriOfLength(1000, 1), uriOfLength(1000, 2), uriOfLength(1000, 3),
                    uriOfLength(997, 4));
            List<String> oneMore = List.of(uriOfLength(1000, 1), uriOfLength(1000, 2), uriOfLength(1000, 3),
                    uriOfLength(998, 4));
            assertThat(String.join(" ", exactly)).hasSize(4000);

            assertThat(withRedirects(exactly).redirectUris()).hasSize(4);
            assertThatThrownBy(() -> withRedirects(oneMore)).isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("field", "redirectUris")
                    .hasMessage("At most 20 URIs of 4000 characters in all are allowed.");
            assertThatThrownBy(() -> withLogouts(oneMore)).isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("field", "postLogoutRedirectUris");
        }

        @Test
        void aUriListedTwiceIsRefused() {
            assertThatThrownBy(() -> withRedirects(List.of(CALLBACK, CALLBACK)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("field", "redirectUris").hasMessage("A URI is listed twice.");
            assertThatThrownBy(() -> withLogouts(List.of(CALLBACK, CALLBACK)))
                    .hasFieldOrPropertyWithValue("field", "postLogoutRedirectUris");
        }

        @Test
        void everyLogoutUriIsCheckedLikeARedirectUri() {
            assertThatThrownBy(() -> withLogouts(List.of(CALLBACK, "http://app.example.com/bye")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("field", "postLogoutRedirectUris")
                    .hasMessage("A redirect URI must use https, except on a loopback address.");
        }
    }

    @Nested
    @DisplayName("a single redirect URI")
    class SingleUri {

        @Test
        void aUriOfAtMost1000CharactersIsAccepted() {
            assertThat(withRedirects(List.of(uriOfLength(1000, 1))).redirectUris().get(0)).hasSize(1000);
            refusedRedirect(uriOfLength(1001, 1))
                    .hasMessage("Each URI must be an absolute URI of at most 1000 characters.");
        }

        @Test
        void emptyMissingControlAndWhitespaceCharactersAreRefusedBeforeParsing() {
            String message = "Each URI must be an absolute URI of at most 1000 characters.";
            refusedRedirect("").hasMessage(message);
            refusedRedirect(CALLBACK + "\u0007").hasMessage(message);
            refusedRedirect(CALLBACK + "\u2028").hasMessage(message);
            refusedRedirect(CALLBACK + "\u2003").hasMessage(message);
            assertThatThrownBy(() -> withRedirects(Arrays.asList(CALLBACK, null)))
                    .isInstanceOf(InvalidInputException.class).hasMessage(message);
        }

        @Test
        void aUriThatDoesNotParseIsRefused() {
            refusedRedirect("https://app.example.com/%zz").hasMessage("Not a valid URI.");
        }

        @Test
        void aRelativeUriOrOneWithAFragmentIsRefused() {
            String message = "A redirect URI must be absolute and have no fragment.";
            refusedRedirect("/callback").hasMessage(message);
            refusedRedirect(CALLBACK + "#state").hasMessage(message);
            refusedRedirect(CALLBACK + "#").hasMessage(message);
        }

        @Test
        void httpsNeedsAHostAndNoUser() {
            String message = "A redirect URI must name a host and no user.";
            refusedRedirect("https:/callback").hasMessage(message);
            refusedRedirect("https://ann@app.example.com/callback").hasMessage(message);
            assertThat(withRedirects(List.of("HTTPS://app.example.com/callback")).redirectUris())
                    .containsExactly("HTTPS://app.example.com/callback");
        }

        @Test
        void plainHttpIsAllowedOnlyOnALoopbackAddress() {
            assertThat(withRedirects(List.of("http://localhost:8080/cb", "http://127.0.0.1/cb", "http://[::1]:9000/cb"))
                    .redirectUris()).hasSize(3);
            String message = "A redirect URI must use https, except on a loopback address.";
            refusedRedirect("http://app.example.com/cb").hasMessage(message);
            refusedRedirect("http://localhost.evil.example/cb").hasMessage(message);
            refusedRedirect("http://127.0.0.2/cb").hasMessage(message);
            refusedRedirect("http://ann@localhost/cb").hasMessage("A redirect URI must name a host and no user.");
            refusedRedirect("http:/cb").hasMessage("A redirect URI must name a host and no user.");
        }

        @Test
        void schemesThatRunCodeOrAreNoWebCallbackAreRefused() {
            for (String uri : List.of("javascript:alert(1)", "data:text/html,x", "vbscript:msgbox", "file:///etc/passwd",
                    "blob:https://app.example.com/1", "about:blank", "ftp://files.example.com/", "ws://localhost/",
                    "wss://app.example.com/", "JavaScript:alert(1)")) {
                refusedRedirect(uri).as(uri).hasMessage("This URI scheme cannot be a redirect URI.");
            }
        }

        @Test
        void aNativeAppSchemeMustBeInReverseDomainNotation() {
            assertThat(withRedirects(List.of("com.example.app:/callback")).redirectUris())
                    .containsExactly("com.example.app:/callback");
            refusedRedirect("myapp:/callback")
                    .hasMessage("A native app's scheme must be in reverse domain notation (com.example.app).");
        }
    }

    @Nested
    @DisplayName("using a registered client")
    class Use {

        private final OidcClient client = confidential(List.of(CALLBACK), List.of("https://app.example.com/bye"),
                Set.of(OidcClient.AUTHORIZATION_CODE, OidcClient.REFRESH_TOKEN));

        @Test
        void redirectsAreAllowedOnlyToRegisteredUrisByExactString() {
            assertThat(client.allowsRedirect(CALLBACK)).isTrue();
            assertThat(client.allowsRedirect(CALLBACK + "/")).isFalse();
            assertThat(client.allowsRedirect("https://app.example.com/bye")).isFalse();
            assertThat(client.allowsRedirect(null)).isFalse();
            assertThat(client.allowsLogoutRedirect("https://app.example.com/bye")).isTrue();
            assertThat(client.allowsLogoutRedirect(CALLBACK)).isFalse();
            assertThat(client.allowsLogoutRedirect(null)).isFalse();
        }

        @Test
        void grantsAreAllowedAsRegistered() {
            assertThat(client.allowsGrant(OidcClient.AUTHORIZATION_CODE)).isTrue();
            assertThat(client.allowsGrant(OidcClient.REFRESH_TOKEN)).isTrue();
            assertThat(client.allowsGrant(OidcClient.CLIENT_CREDENTIALS)).isFalse();
        }

        @Test
        void aNewSecretDigestChangesNothingElse() {
            OidcClient rotated = client.withTokenPolicy(Set.of("openid"), Duration.ofMinutes(5), Duration.ofHours(1),
                    MAX_ACCESS, MAX_REFRESH).withSecretDigest("digest-2");

            assertThat(rotated.secretDigest()).isEqualTo("digest-2");
            assertThat(rotated).usingRecursiveComparison().ignoringFields("secretDigest")
                    .isEqualTo(client.withTokenPolicy(Set.of("openid"), Duration.ofMinutes(5), Duration.ofHours(1),
                            MAX_ACCESS, MAX_REFRESH));
        }

        @Test
        void itsTextNamesTheClientAndWhetherItIsPublicButNotItsSecretDigest() {
            assertThat(client.toString()).isEqualTo("OidcClient[client-1, Shop]").doesNotContain("digest");
            assertThat(OidcClient.validated("spa", null, "SPA", List.of(CALLBACK), List.of(), null, true, false, CREATED)
                    .toString()).isEqualTo("OidcClient[spa, SPA, public]");
        }
    }

    @Nested
    @DisplayName("token policy")
    class TokenPolicy {

        private final OidcClient client = confidential(List.of(CALLBACK), List.of(), null);
        private final OidcClient machine = confidential(null, null, Set.of(OidcClient.CLIENT_CREDENTIALS));

        private OidcClient policy(Set<String> scopes, Duration access, Duration refresh) {
            return client.withTokenPolicy(scopes, access, refresh, MAX_ACCESS, MAX_REFRESH);
        }

        private void refused(String field, Duration access, Duration refresh, String message) {
            assertThatThrownBy(() -> policy(null, access, refresh)).isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("code", "invalid_client_metadata")
                    .hasFieldOrPropertyWithValue("field", field).hasMessage(message);
        }

        @Test
        void thePolicyIsKeptWithEverythingElse() {
            OidcClient changed = policy(Set.of("openid", "email"), Duration.ofMinutes(10), Duration.ofDays(1));

            assertThat(changed.scopes()).containsExactlyInAnyOrder("openid", "email");
            assertThat(changed.accessTokenTtl()).isEqualTo(Duration.ofMinutes(10));
            assertThat(changed.refreshTokenTtl()).isEqualTo(Duration.ofDays(1));
            assertThat(changed).usingRecursiveComparison().ignoringFields("scopes", "accessTokenTtl", "refreshTokenTtl")
                    .isEqualTo(client);
        }

        @Test
        void withoutScopesTheClientMayAskForAllAndDefaultLifetimesStayUnset() {
            OidcClient changed = policy(null, null, null);

            assertThat(changed.scopes()).isEqualTo(OidcClient.SCOPES);
            assertThat(changed.accessTokenTtl()).isNull();
            assertThat(changed.refreshTokenTtl()).isNull();
        }

        @Test
        void onlySupportedScopesAreAccepted() {
            Set<String> withNull = new HashSet<>(Arrays.asList("openid", null));
            for (Set<String> scopes : List.of(Set.of("openid", "address"), withNull)) {
                assertThatThrownBy(() -> policy(scopes, null, null)).isInstanceOf(InvalidInputException.class)
                        .hasFieldOrPropertyWithValue("field", "scopes")
                        .hasMessage("scopes may hold openid, profile, email and offline_access.");
            }
        }

        @Test
        void anAuthorizationCodeClientMustKeepOpenid() {
            assertThatThrownBy(() -> policy(Set.of("profile", "email"), null, null))
                    .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("field", "scopes")
                    .hasMessage("A client of the authorization code flow needs the scope openid.");
            assertThat(machine.withTokenPolicy(Set.of("profile"), null, null, MAX_ACCESS, MAX_REFRESH).scopes())
                    .containsExactly("profile");
        }

        @Test
        void anAccessTokenLivesFromAMinuteToTheLongestInWholeSeconds() {
            assertThat(policy(null, Duration.ofMinutes(1), null).accessTokenTtl()).isEqualTo(Duration.ofMinutes(1));
            assertThat(policy(null, MAX_ACCESS, null).accessTokenTtl()).isEqualTo(MAX_ACCESS);
            String message = "accessTokenLifetime must be whole seconds between PT1M and PT1H.";
            refused("accessTokenLifetime", Duration.ofSeconds(59), null, message);
            refused("accessTokenLifetime", MAX_ACCESS.plusSeconds(1), null, message);
            refused("accessTokenLifetime", Duration.ofMillis(90_500), null, message);
        }

        @Test
        void aRefreshTokenLivesFromFiveMinutesToTheLongestInWholeSeconds() {
            assertThat(policy(null, null, Duration.ofMinutes(5)).refreshTokenTtl()).isEqualTo(Duration.ofMinutes(5));
            assertThat(policy(null, null, MAX_REFRESH).refreshTokenTtl()).isEqualTo(MAX_REFRESH);
            String message = "refreshTokenLifetime must be whole seconds between PT5M and PT720H.";
            refused("refreshTokenLifetime", null, Duration.ofMinutes(5).minusSeconds(1), message);
            refused("refreshTokenLifetime", null, MAX_REFRESH.plusSeconds(1), message);
            refused("refreshTokenLifetime", null, Duration.ofMinutes(6).plusMillis(1), message);
        }
    }
}
