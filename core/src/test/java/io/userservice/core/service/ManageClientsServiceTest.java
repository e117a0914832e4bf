package io.userservice.core.service;

import static io.userservice.core.service.OidcFixture.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.OAuthException;
import io.userservice.core.domain.OidcClient;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.ClientCredentials;
import io.userservice.core.port.in.ManageClientsUseCase;
import io.userservice.core.port.in.ManageClientsUseCase.RegisterCommand;
import io.userservice.core.port.in.ManageClientsUseCase.RegisteredClient;
import io.userservice.core.port.in.ManageClientsUseCase.UpdateCommand;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The registry of OpenID Connect clients: only the operator and administrators acting with their
 * own credential reach it, every refusal and change is audited under the person really acting; a
 * secret is shown once and only its digest kept, a public client has none; a change keeps what it
 * does not name; token lifetimes stay within the service's limits; an unknown client is
 * {@code client_not_found}.
 */
class ManageClientsServiceTest {

    private static final Duration LONGEST_PORTAL_TOKEN = Duration.ofMinutes(30);
    private static final Duration LONGEST_SESSION = Duration.ofDays(7);
    private static final String APP = "https://app.example.com/callback";
    private static final String BYE = "https://app.example.com/bye";

    private final OidcFixture oidc = new OidcFixture(CoreSettings.defaults()
            .withPortalTokenMaxLifetime(LONGEST_PORTAL_TOKEN).withSessionMaxLifetime(LONGEST_SESSION));
    private final ManageClientsUseCase clients = oidc.core.manageClients();
    private final User admin = oidc.aConfirmedUser("admin@example.com");
    private final User member = oidc.aConfirmedUser("member@example.com");

    ManageClientsServiceTest() {
        oidc.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
    }

    private RegisterCommand confidential(Caller caller) {
        return new RegisterCommand(caller, "Billing", List.of(APP), List.of(BYE), null, false, true, ADDRESS);
    }

    private RegisteredClient registerConfidential() {
        return clients.register(confidential(Caller.user(admin.id())));
    }

    private List<AuditEvent> changes(Outcome outcome) {
        return oidc.audited(AuditAction.OIDC_CLIENT_CHANGED).stream()
                .filter(e -> e.outcome().equals(outcome.storedForm())).toList();
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "client_not_found").hasMessage("There is no such client.");
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "invalid_client_metadata")
                .hasFieldOrPropertyWithValue("field", field);
    }

    @Test
    void aMemberReachesNothingAndEachRefusalIsAuditedUnderThem() {
        RegisteredClient existing = registerConfidential();
        String id = existing.client().clientId();
        Caller caller = Caller.user(member.id());
        String denied = "Only administrators may manage OpenID Connect clients.";

        assertThatThrownBy(() -> clients.register(confidential(caller)))
                .isInstanceOf(AccessDeniedException.class).hasMessage(denied);
        assertThatThrownBy(() -> clients.list(caller)).isInstanceOf(AccessDeniedException.class).hasMessage(denied);
        assertThatThrownBy(() -> clients.get(caller, id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> clients.update(new UpdateCommand(caller, id, "Taken over", List.of(
                "https://evil.example.net/cb"), null, null, false, ADDRESS))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> clients.rotateSecret(caller, id, ADDRESS)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> clients.delete(caller, id, ADDRESS)).isInstanceOf(AccessDeniedException.class);

        assertThat(changes(Outcome.DENIED)).extracting(AuditEvent::detail).containsExactlyInAnyOrder(
                "not an administrator: register a client", "not an administrator: list clients",
                "not an administrator: read a client", "not an administrator: change a client",
                "not an administrator: rotate a client secret", "not an administrator: delete a client");
        assertThat(changes(Outcome.DENIED)).allSatisfy(e -> {
            assertThat(e.actorId()).isEqualTo(member.id());
            assertThat(e.subjectId()).isNull();
        });
        assertThat(changes(Outcome.DENIED)).allSatisfy(e -> assertThat(e.clientAddress()).isEqualTo(
                e.detail().endsWith("list clients") || e.detail().endsWith("read a client") ? null : "192.0.2.7"));
        assertThat(changes(Outcome.SUCCESS)).hasSize(1);
        assertThat(clients.list(Caller.user(admin.id()))).containsExactly(existing.client());
        assertThat(clients.get(Caller.operator(), id).secretDigest()).isEqualTo(Digests.sha256(existing.clientSecret()));
    }

    @Test
    void anAdministratorsTokenMintedForSomeoneElseDoesNotAdminister() {
        User support = oidc.aConfirmedUser("support@example.com");
        Caller minted = new Caller(admin.id(), support.id());

        assertThatThrownBy(() -> clients.register(confidential(minted))).isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot be used for administration.");
        assertThatThrownBy(() -> clients.list(minted)).isInstanceOf(AccessDeniedException.class);

        assertThat(changes(Outcome.DENIED)).hasSize(2).allSatisfy(e -> {
            assertThat(e.actorId()).isEqualTo(support.id());
            assertThat(e.detail()).isEqualTo("caller used an impersonation token");
        });
        assertThat(clients.list(Caller.operator())).isEmpty();
    }

    @Test
    void aConfidentialClientsSecretIsShownOnceAndOnlyItsDigestKept() {
        RegisteredClient registered = registerConfidential();
        OidcClient client = registered.client();

        assertThat(registered.clientSecret()).isNotBlank();
        assertThat(client.secretDigest()).isEqualTo(Digests.sha256(registered.clientSecret()))
                .isNotEqualTo(registered.clientSecret());
        assertThat(client.clientId()).hasSize(22).isNotEqualTo(registered.clientSecret().substring(0, 22));
        assertThat(client.publicClient()).isFalse();
        assertThat(client.name()).isEqualTo("Billing");
        assertThat(client.redirectUris()).containsExactly(APP);
        assertThat(client.postLogoutRedirectUris()).containsExactly(BYE);
        assertThat(client.requireConsent()).isTrue();
        assertThat(client.createdAt()).isEqualTo(oidc.clock.instant());
        assertThat(registered.toString()).doesNotContain(registered.clientSecret());

        assertThat(clients.get(Caller.user(admin.id()), client.clientId())).isEqualTo(client);
        assertThat(clients.list(Caller.operator())).containsExactly(client);
        AuditEvent event = changes(Outcome.SUCCESS).get(0);
        assertThat(event.actorId()).isEqualTo(admin.id());
        assertThat(event.subjectId()).isNull();
        assertThat(event.clientAddress()).isEqualTo("192.0.2.7");
        assertThat(event.detail()).isEqualTo("registered " + client.clientId());
    }

    @Test
    void aPublicClientHasNoSecretAtAll() {
        RegisteredClient registered = clients.register(new RegisterCommand(Caller.operator(), "Mobile", List.of(APP),
                List.of(), null, true, false, ClientAddress.unknown()));

        assertThat(registered.clientSecret()).isNull();
        assertThat(registered.client().secretDigest()).isNull();
        assertThat(registered.client().publicClient()).isTrue();
        assertThat(clients.get(Caller.operator(), registered.client().clientId())).isEqualTo(registered.client());
        AuditEvent event = changes(Outcome.SUCCESS).get(0);
        assertThat(event.actorId()).isNull();
        assertThat(event.clientAddress()).isNull();
        assertThat(event.detail()).isEqualTo("registered " + registered.client().clientId());
    }

    @Test
    void tokenLifetimesReachTheLongestPortalTokenAndSessionButNoFurther() {
        Caller caller = Caller.user(admin.id());
        OidcClient longest = clients.register(new RegisterCommand(caller, "Longest", List.of(APP), List.of(), null,
                false, false, ADDRESS, Set.of("openid"), LONGEST_PORTAL_TOKEN, LONGEST_SESSION)).client();

        assertThat(longest.accessTokenTtl()).isEqualTo(LONGEST_PORTAL_TOKEN);
        assertThat(longest.refreshTokenTtl()).isEqualTo(LONGEST_SESSION);
        assertThat(longest.scopes()).containsExactly("openid");
        assertInvalid(() -> clients.register(new RegisterCommand(caller, "Too long", List.of(APP), List.of(), null,
                false, false, ADDRESS, null, LONGEST_PORTAL_TOKEN.plusSeconds(1), null)), "accessTokenLifetime");
        assertInvalid(() -> clients.register(new RegisterCommand(caller, "Too long", List.of(APP), List.of(), null,
                false, false, ADDRESS, null, null, LONGEST_SESSION.plusSeconds(1))), "refreshTokenLifetime");
        assertInvalid(() -> clients.update(new UpdateCommand(caller, longest.clientId(), null, null, null, null, null,
                ADDRESS, null, LONGEST_PORTAL_TOKEN.plusSeconds(1), null)), "accessTokenLifetime");

        assertThat(clients.list(caller)).containsExactly(longest);
        assertThat(changes(Outcome.SUCCESS)).hasSize(1);
    }

    @Test
    void aChangeNamingNothingKeepsEveryValue() {
        OidcClient before = clients.register(new RegisterCommand(Caller.user(admin.id()), "Billing", List.of(APP),
                List.of(BYE), Set.of(OidcClient.AUTHORIZATION_CODE), false, true, ADDRESS, Set.of("openid", "email"),
                Duration.ofMinutes(5), Duration.ofDays(1))).client();
        oidc.clock.advance(Duration.ofHours(1));

        OidcClient after = clients.update(new UpdateCommand(Caller.user(admin.id()), before.clientId(), null, null,
                null, null, null, ADDRESS));

        assertThat(after).isEqualTo(before);
        assertThat(clients.get(Caller.operator(), before.clientId())).isEqualTo(before);
        assertThat(changes(Outcome.SUCCESS)).extracting(AuditEvent::detail)
                .containsExactly("changed " + before.clientId(), "registered " + before.clientId());
    }

    @Test
    void aChangeReplacesEveryValueItNamesAndNeverTheSecretOrKind() {
        RegisteredClient registered = registerConfidential();
        OidcClient before = registered.client();
        oidc.clock.advance(Duration.ofHours(1));

        OidcClient after = clients.update(new UpdateCommand(Caller.user(admin.id()), before.clientId(), "Billing 2",
                List.of(APP + "2"), List.of(BYE + "2"), Set.of(OidcClient.AUTHORIZATION_CODE,
                OidcClient.CLIENT_CREDENTIALS), false, ClientAddress.of("198.51.100.1"), Set.of("openid", "profile"),
                Duration.ofMinutes(2), Duration.ofHours(2)));

        assertThat(after.clientId()).isEqualTo(before.clientId());
        assertThat(after.name()).isEqualTo("Billing 2");
        assertThat(after.redirectUris()).containsExactly(APP + "2");
        assertThat(after.postLogoutRedirectUris()).containsExactly(BYE + "2");
        assertThat(after.grantTypes()).containsExactlyInAnyOrder(OidcClient.AUTHORIZATION_CODE,
                OidcClient.CLIENT_CREDENTIALS);
        assertThat(after.requireConsent()).isFalse();
        assertThat(after.scopes()).containsExactlyInAnyOrder("openid", "profile");
        assertThat(after.accessTokenTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(after.refreshTokenTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(after.secretDigest()).isEqualTo(before.secretDigest());
        assertThat(after.publicClient()).isFalse();
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
        assertThat(clients.get(Caller.operator(), before.clientId())).isEqualTo(after);
        AuditEvent event = changes(Outcome.SUCCESS).get(0);
        assertThat(event.detail()).isEqualTo("changed " + before.clientId());
        assertThat(event.clientAddress()).isEqualTo("198.51.100.1");
        assertThat(event.actorId()).isEqualTo(admin.id());
    }

    @Test
    void anUnknownClientIsNotFoundAndNothingIsRecordedAsDone() {
        Caller caller = Caller.user(admin.id());

        assertNotFound(() -> clients.get(caller, "no-such-client"));
        assertNotFound(() -> clients.update(new UpdateCommand(caller, "no-such-client", "Name", null, null, null,
                null, ADDRESS)));
        assertNotFound(() -> clients.delete(caller, "no-such-client", ADDRESS));
        assertNotFound(() -> clients.rotateSecret(caller, "no-such-client", ADDRESS));

        assertThat(oidc.audited(AuditAction.OIDC_CLIENT_CHANGED)).isEmpty();
        assertThat(clients.list(caller)).isEmpty();
    }

    @Test
    void aDeletedClientIsGoneAndCannotBeDeletedTwice() {
        OidcClient kept = registerConfidential().client();
        OidcClient gone = registerConfidential().client();

        clients.delete(Caller.user(admin.id()), gone.clientId(), ADDRESS);

        assertNotFound(() -> clients.get(Caller.operator(), gone.clientId()));
        assertThat(clients.list(Caller.operator())).containsExactly(kept);
        assertNotFound(() -> clients.delete(Caller.user(admin.id()), gone.clientId(), ADDRESS));
        AuditEvent event = changes(Outcome.SUCCESS).get(0);
        assertThat(event.detail()).isEqualTo("deleted " + gone.clientId());
        assertThat(event.actorId()).isEqualTo(admin.id());
        assertThat(event.clientAddress()).isEqualTo("192.0.2.7");
        assertThat(changes(Outcome.SUCCESS)).hasSize(3);
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAtOnce() {
        RegisteredClient registered = registerConfidential();
        String id = registered.client().clientId();

        RegisteredClient rotated = clients.rotateSecret(Caller.user(admin.id()), id, ClientAddress.of("198.51.100.1"));

        assertThat(rotated.clientSecret()).isNotBlank().isNotEqualTo(registered.clientSecret());
        assertThat(rotated.client().secretDigest()).isEqualTo(Digests.sha256(rotated.clientSecret()));
        assertThat(rotated.client()).isEqualTo(registered.client().withSecretDigest(rotated.client().secretDigest()));
        assertThat(clients.get(Caller.operator(), id)).isEqualTo(rotated.client());
        assertThat(oidc.core.oidcTokenInfo().introspect(new ClientCredentials(id, rotated.clientSecret(),
                ClientCredentials.Method.BASIC), null, null, ADDRESS)).containsEntry("active", false);
        assertThatThrownBy(() -> oidc.core.oidcTokenInfo().introspect(new ClientCredentials(id,
                registered.clientSecret(), ClientCredentials.Method.BASIC), null, null, ADDRESS))
                .isInstanceOf(OAuthException.class).hasFieldOrPropertyWithValue("code", "invalid_client");
        AuditEvent event = changes(Outcome.SUCCESS).get(0);
        assertThat(event.detail()).isEqualTo("rotated the secret of " + id);
        assertThat(event.clientAddress()).isEqualTo("198.51.100.1");
        assertThat(event.actorId()).isEqualTo(admin.id());
    }

    @Test
    void aPublicClientHasNoSecretToRotate() {
        OidcClient spa = clients.register(new RegisterCommand(Caller.operator(), "Mobile", List.of(APP), List.of(),
                null, true, false, ClientAddress.unknown())).client();

        assertThatThrownBy(() -> clients.rotateSecret(Caller.user(admin.id()), spa.clientId(), ADDRESS))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("code", "public_client")
                .hasFieldOrPropertyWithValue("field", "clientId");

        assertThat(clients.get(Caller.operator(), spa.clientId())).isEqualTo(spa);
        assertThat(changes(Outcome.SUCCESS)).extracting(AuditEvent::detail)
                .containsExactly("registered " + spa.clientId());
    }
}
