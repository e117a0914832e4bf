package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEndpoint;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.AdministerWebhooksUseCase.Settings;
import io.userservice.core.port.in.AdministerWebhooksUseCase.WithSecret;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The webhook registry, for administrators: each change is audited under the administrator, a
 * secret is shown once and the previous one keeps signing for a day, and bad settings or ids are
 * refused by name.
 */
class AdministerWebhooksServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.7");
    private static final String URL = "https://hooks.example.com/in";

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User member = fixture.aConfirmedUser("member@example.com");
    private final Caller byAdmin = Caller.user(admin.id());
    private final AdministerWebhooksUseCase webhooks = fixture.core.administerWebhooks();

    AdministerWebhooksServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
    }

    private WithSecret created() {
        return webhooks.create(byAdmin, new Settings(URL, List.of("user.created", "user.updated"), "CRM"), ADDRESS);
    }

    private List<AuditEvent> audited() {
        return fixture.audited(AuditAction.WEBHOOK_CHANGED);
    }

    private static void assertInvalid(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotFoundException.class).hasMessage("There is no webhook with this id.");
    }

    @Test
    void aWebhookIsCreatedWithASecretShownOnce() {
        WithSecret created = created();

        WebhookEndpoint endpoint = created.endpoint();
        assertThat(endpoint.url()).isEqualTo(URL);
        assertThat(endpoint.events()).containsExactlyInAnyOrder(WebhookEventType.USER_CREATED,
                WebhookEventType.USER_UPDATED);
        assertThat(endpoint.description()).isEqualTo("CRM");
        assertThat(endpoint.createdAt()).isEqualTo(fixture.clock.instant());
        assertThat(created.secret()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(webhooks.get(byAdmin, endpoint.id())).isEqualTo(endpoint);
        assertThat(webhooks.list(byAdmin)).containsExactly(endpoint);
        WithSecret undescribed = webhooks.create(byAdmin, new Settings(URL, List.of("user.created"), null), ADDRESS);
        assertThat(undescribed.secret()).isNotEqualTo(created.secret());
        assertThat(undescribed.endpoint().description()).isNull();
        assertThat(audited()).hasSize(2).last().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
            assertThat(e.detail()).isEqualTo("created webhook " + endpoint.id());
        });
    }

    @Test
    void onlyAnAdministratorManagesWebhooks() {
        String id = created().endpoint().id();
        Caller plain = Caller.user(member.id());

        List<ThrowingCallable> calls = List.of(
                () -> webhooks.create(plain, new Settings(URL, List.of("user.created"), null), ADDRESS),
                () -> webhooks.list(plain),
                () -> webhooks.get(plain, id),
                () -> webhooks.update(plain, id, new Settings(null, null, "x"), ADDRESS),
                () -> webhooks.delete(plain, id, ADDRESS),
                () -> webhooks.rotateSecret(plain, id, ADDRESS),
                () -> webhooks.deliveries(plain, id, 10));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(AccessDeniedException.class)
                    .hasMessage("Managing webhooks needs role admin.");
        }

        List<AuditEvent> denied = audited().stream()
                .filter(e -> e.outcome().equals(Outcome.DENIED.storedForm())).toList();
        assertThat(denied).hasSize(7);
        assertThat(denied).extracting(AuditEvent::detail).contains("caller lacks the role",
                "caller lacks the role (webhook " + id + ")");
        assertThat(webhooks.get(byAdmin, id).description()).isEqualTo("CRM");
    }

    @Test
    void anUpdateChangesOnlyWhatIsGiven() {
        WebhookEndpoint endpoint = created().endpoint();

        WebhookEndpoint described = webhooks.update(byAdmin, endpoint.id(), new Settings(null, null, "Billing"),
                ADDRESS);
        WebhookEndpoint moved = webhooks.update(byAdmin, endpoint.id(),
                new Settings("https://hooks.example.com/other", List.of("user.deleted"), null), ADDRESS);

        assertThat(described.url()).isEqualTo(URL);
        assertThat(described.events()).isEqualTo(endpoint.events());
        assertThat(described.description()).isEqualTo("Billing");
        assertThat(moved.url()).isEqualTo("https://hooks.example.com/other");
        assertThat(moved.events()).containsExactly(WebhookEventType.USER_DELETED);
        assertThat(moved.description()).isEqualTo("Billing");
        assertThat(moved.secret()).isEqualTo(endpoint.secret());
        assertThat(webhooks.get(byAdmin, endpoint.id())).isEqualTo(moved);
        assertThat(audited().get(0).detail()).isEqualTo("changed webhook " + endpoint.id());
    }

    @Test
    void aDeletedWebhookIsGone() {
        String id = created().endpoint().id();

        webhooks.delete(byAdmin, id, ADDRESS);

        assertThat(webhooks.list(byAdmin)).isEmpty();
        assertThat(audited().get(0).detail()).isEqualTo("deleted webhook " + id);
        assertNotFound(() -> webhooks.delete(byAdmin, id, ADDRESS));
        assertNotFound(() -> webhooks.get(byAdmin, id));
    }

    @Test
    void aRotatedSecretReplacesTheOldOneWhichSignsForADayMore() {
        WithSecret created = created();
        String id = created.endpoint().id();

        WithSecret rotated = webhooks.rotateSecret(byAdmin, id, ADDRESS);

        assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(created.secret());
        assertThat(rotated.endpoint().secret()).isEqualTo(rotated.secret());
        assertThat(rotated.endpoint().previousSecret()).isEqualTo(created.secret());
        assertThat(rotated.endpoint().previousSecretUntil())
                .isEqualTo(fixture.clock.instant().plus(Duration.ofHours(24)));
        assertThat(audited().get(0).detail()).isEqualTo("rotated the secret of webhook " + id);
    }

    @Test
    void anIdThatIsNoWebhookIsNotFound() {
        String id = created().endpoint().id();
        String unknown = "00000000-0000-0000-0000-000000000000";

        for (String bad : new String[] {unknown, id.toUpperCase(), "not-a-uuid", null}) {
            assertNotFound(() -> webhooks.get(byAdmin, bad));
            assertNotFound(() -> webhooks.update(byAdmin, bad, new Settings(null, null, "x"), ADDRESS));
            assertNotFound(() -> webhooks.delete(byAdmin, bad, ADDRESS));
            assertNotFound(() -> webhooks.rotateSecret(byAdmin, bad, ADDRESS));
            assertNotFound(() -> webhooks.deliveries(byAdmin, bad, 10));
        }
        assertThat(audited()).hasSize(1);
    }

    @Test
    void deliveriesArePagedFromOneToTwoHundred() {
        String id = webhooks.create(byAdmin, new Settings(URL, List.of("user.updated"), null), ADDRESS).endpoint().id();
        User ann = fixture.aConfirmedUser("ann@example.com");
        fixture.core.updateName().updateName(new UpdateNameUseCase.Command(ann.id(), "Ann", null));
        fixture.core.updateName().updateName(new UpdateNameUseCase.Command(ann.id(), "Anna", null));

        assertThat(webhooks.deliveries(byAdmin, id, 1)).hasSize(1);
        assertThat(webhooks.deliveries(byAdmin, id, 200)).hasSize(2)
                .allSatisfy(d -> assertThat(d.event().type()).isEqualTo(WebhookEventType.USER_UPDATED));
        assertInvalid(() -> webhooks.deliveries(byAdmin, id, 0), "invalid_page");
        assertInvalid(() -> webhooks.deliveries(byAdmin, id, 201), "invalid_page");
    }

    @Test
    void eventsMustBeKnownAndAtLeastOne() {
        assertInvalid(() -> webhooks.create(byAdmin, new Settings(URL, List.of(), null), ADDRESS), "invalid_events");
        assertInvalid(() -> webhooks.create(byAdmin, new Settings(URL, null, null), ADDRESS), "invalid_events");
        assertThatThrownBy(() -> webhooks.create(byAdmin, new Settings(URL, List.of("user.created", "user.eaten"),
                null), ADDRESS)).hasMessage("Unknown event type: user.eaten.");
        assertThatThrownBy(() -> webhooks.create(byAdmin, new Settings(URL, java.util.Arrays.asList("user.created",
                null), null), ADDRESS)).hasMessage("Unknown event type: null.");
        assertThatThrownBy(() -> webhooks.create(byAdmin, new Settings(URL, List.of("a\nb" + "x".repeat(61)), null),
                ADDRESS)).hasMessage("Unknown event type: a?b" + "x".repeat(61) + ".");
        assertThatThrownBy(() -> webhooks.create(byAdmin, new Settings(URL, List.of("y".repeat(65)), null), ADDRESS))
                .hasMessage("Unknown event type: " + "y".repeat(64) + "….");
        assertThat(webhooks.list(byAdmin)).isEmpty();
    }

    @Test
    void aDescriptionIsOneLineOfAtMostFiveHundredCharacters() {
        assertThat(webhooks.create(byAdmin, new Settings(URL, List.of("user.created"), "d".repeat(500)), ADDRESS)
                .endpoint().description()).hasSize(500);
        assertThat(webhooks.create(byAdmin, new Settings(URL, List.of("user.created"), "tab\there and space"),
                ADDRESS).endpoint().description()).isEqualTo("tab\there and space");
        assertInvalid(() -> webhooks.create(byAdmin, new Settings(URL, List.of("user.created"), "d".repeat(501)),
                ADDRESS), "invalid_description");
        assertInvalid(() -> webhooks.create(byAdmin, new Settings(URL, List.of("user.created"), "two\nlines"),
                ADDRESS), "invalid_description");
        assertInvalid(() -> webhooks.create(byAdmin, new Settings(URL, List.of("user.created"), "bell\u0007"),
                ADDRESS), "invalid_description");
        String id = created().endpoint().id();
        assertInvalid(() -> webhooks.update(byAdmin, id, new Settings(null, null, "two\nlines"), ADDRESS),
                "invalid_description");
        assertInvalid(() -> webhooks.update(byAdmin, id, new Settings(null, List.of(), null), ADDRESS),
                "invalid_events");
        assertThat(webhooks.get(byAdmin, id).description()).isEqualTo("CRM");
        assertThat(webhooks.get(byAdmin, id).events()).hasSize(2);
        assertThat(Set.of(webhooks.get(byAdmin, id).url())).containsExactly(URL);
    }
}
