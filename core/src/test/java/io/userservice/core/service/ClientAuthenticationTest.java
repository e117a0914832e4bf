package io.userservice.core.service;

import static io.userservice.core.service.OidcFixture.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.OAuthException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.in.ClientCredentials.Method;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How OpenID Connect clients authenticate at the introspection endpoint: a confidential client by
 * its secret, a public client by its id alone; every failure is the same invalid_client, audited
 * with what was wrong.
 */
class ClientAuthenticationTest {

    private final OidcFixture oidc = new OidcFixture();

    ClientAuthenticationTest() {
        oidc.confidentialClient("app");
        oidc.client("spa", true, false, Set.of(OidcClient.AUTHORIZATION_CODE), OidcClient.SCOPES, null, null);
    }

    private Map<String, Object> introspect(ClientCredentials credentials) {
        return oidc.core.oidcTokenInfo().introspect(credentials, null, null, ADDRESS);
    }

    private void assertRefused(ClientCredentials credentials, String detail) {
        assertThatThrownBy(() -> introspect(credentials)).isInstanceOf(OAuthException.class)
                .hasMessage("Client authentication failed.").hasFieldOrPropertyWithValue("code", "invalid_client");
        AuditEvent event = oidc.audited(AuditAction.OIDC_CLIENT_AUTHENTICATION).get(0);
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(event.subjectId()).isNull();
        assertThat(event.clientAddress()).isEqualTo("192.0.2.7");
        assertThat(event.detail()).isEqualTo(detail);
    }

    @Test
    void aConfidentialClientAuthenticatesWithItsSecretOnly() {
        assertThat(introspect(new ClientCredentials("app", OidcFixture.secretOf("app"), Method.BASIC)))
                .containsEntry("active", false);
        assertThat(introspect(new ClientCredentials("app", OidcFixture.secretOf("app"), Method.POST)))
                .containsEntry("active", false);

        assertRefused(new ClientCredentials("app", "wrong", Method.BASIC), "client app: wrong or missing secret");
        assertRefused(new ClientCredentials("app", null, Method.BASIC), "client app: wrong or missing secret");
        assertRefused(new ClientCredentials("app", OidcFixture.secretOf("app"), Method.NONE),
                "client app: wrong or missing secret");
        assertRefused(new ClientCredentials("app", "s".repeat(512), Method.POST), "client app: wrong or missing secret");
        assertThat(oidc.audited(AuditAction.OIDC_CLIENT_AUTHENTICATION)).hasSize(4);
    }

    @Test
    void aPublicClientAuthenticatesByItsIdAndSendsNoSecret() {
        assertThat(introspect(new ClientCredentials("spa", null, Method.NONE))).containsEntry("active", false);
        oidc.aConfirmedUser("ada@example.com");
        String someonesToken = oidc.core.logIn().logIn(new io.userservice.core.port.in.LogInUseCase.Command(
                "ada@example.com", io.userservice.core.CoreFixture.PASSWORD,
                io.userservice.core.domain.ClientAddress.unknown())).tokens().accessToken();
        assertThat(oidc.core.oidcTokenInfo().introspect(new ClientCredentials("spa", null, Method.NONE), someonesToken,
                null, ADDRESS)).isEqualTo(Map.of("active", false));

        assertRefused(new ClientCredentials("spa", "anything", Method.NONE), "client spa: a public client sent a secret");
        assertRefused(new ClientCredentials("spa", null, Method.BASIC), "client spa: a public client sent a secret");
    }

    @Test
    void unknownAndMalformedCredentialsAreRefusedAlike() {
        assertRefused(new ClientCredentials("nobody", "x", Method.BASIC), "unknown client");
        assertRefused(new ClientCredentials("c".repeat(512), "x", Method.BASIC), "unknown client");
        assertRefused(new ClientCredentials("c".repeat(513), "x", Method.BASIC), "malformed client credentials");
        assertRefused(new ClientCredentials("app", "s".repeat(513), Method.BASIC), "malformed client credentials");
        assertRefused(new ClientCredentials(null, "x", Method.BASIC), "malformed client credentials");
        assertRefused(null, "malformed client credentials");
    }
}
