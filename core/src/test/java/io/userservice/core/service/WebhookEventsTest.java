package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.DeleteAttributeUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.LogOutUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.SetAttributeUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which changes tell webhooks what, with which data, and never a secret: every use case that
 * changes a user, run once, and the events the outbox then holds, in order.
 */
class WebhookEventsTest {

    private final CoreFixture fixture = new CoreFixture();

    private List<WebhookDelivery> events() {
        List<WebhookDelivery> all = new ArrayList<>();
        List<WebhookDelivery> claimed;
        do {
            claimed = fixture.state.webhookOutbox().claimDue(fixture.clock.instant(),
                    fixture.clock.instant().plusSeconds(60), 100);
            claimed.forEach(d -> fixture.state.webhookOutbox().markDelivered(
                    io.userservice.core.port.out.WebhookOutboxPort.Claim.of(d), fixture.clock.instant(), 200));
            all.addAll(claimed);
        } while (!claimed.isEmpty());
        return all;
    }

    private static String summary(WebhookDelivery delivery) {
        return delivery.event().type().wireName() + " " + delivery.event().payload()
                .replaceFirst("^\\{\"type\":\"[^\"]+\",\"timestamp\":\"[^\"]+\",\"data\":", "");
    }

    @Test
    void everyChangeToAUserIsToldWithItsDataAndNoSecret() {
        fixture.core.administerWebhooks().create(Caller.operator(), new AdministerWebhooksUseCase.Settings(
                "https://hooks.example.com/", Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName)
                .toList(), null), ClientAddress.unknown());
        var core = fixture.core;
        long id = fixture.aConfirmedUser("ann@example.com").id();
        core.updateName().updateName(new UpdateNameUseCase.Command(id, "Ann", "Lee"));
        core.setAttribute().set(new SetAttributeUseCase.Command(id, "plan", "gold \"plus\""));
        core.deleteAttribute().delete(new DeleteAttributeUseCase.Command(id, "plan"));
        core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), id, Role.USER_EDIT, true, ClientAddress.unknown()));
        core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), id, Role.USER_EDIT, true, ClientAddress.unknown()));
        core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), id, Role.USER_EDIT, false, ClientAddress.unknown()));
        LogInUseCase.Result first = core.logIn().logIn(new LogInUseCase.Command("ann@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));
        core.logOut().logOut(new LogOutUseCase.Command(first.tokens().refreshToken(), ClientAddress.unknown()));
        core.logOut().logOut(new LogOutUseCase.Command(first.tokens().refreshToken(), ClientAddress.unknown()));
        LogInUseCase.Result second = core.logIn().logIn(new LogInUseCase.Command("ann@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()));
        core.refreshTokens().refresh(new RefreshTokensUseCase.Command(second.tokens().refreshToken(), ClientAddress.unknown()));
        fixture.clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> core.refreshTokens().refresh(new RefreshTokensUseCase.Command(
                second.tokens().refreshToken(), ClientAddress.unknown()))).isInstanceOf(InvalidRefreshTokenException.class);
        core.logIn().logIn(new LogInUseCase.Command("ann@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));
        core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ann@example.com", ClientAddress.unknown()));
        String code = fixture.lastCode(MailKind.PASSWORD_RESET, "ann@example.com").orElseThrow();
        core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code, "a new long password", ClientAddress.unknown()));
        core.logIn().logIn(new LogInUseCase.Command("ann@example.com", "a new long password", ClientAddress.unknown()));
        core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), id, false, ClientAddress.unknown()));
        core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), id, true, ClientAddress.unknown()));

        List<WebhookDelivery> events = events();
        String data = "{\"id\":" + id;
        assertThat(events).extracting(WebhookEventsTest::summary).containsExactly(
                "user.created " + data + ",\"email\":\"ann@example.com\",\"firstname\":null,\"lastname\":null,"
                        + "\"language\":\"en\",\"confirmed\":false}}",
                "user.confirmed " + data + ",\"email\":\"ann@example.com\",\"confirmed\":true}}",
                "user.updated " + data + ",\"firstname\":\"Ann\",\"lastname\":\"Lee\"}}",
                "user.updated " + data + ",\"attributes\":{\"plan\":\"gold \\\"plus\\\"\"}}}",
                "user.updated " + data + ",\"attributes\":{\"plan\":null}}}",
                "role.granted " + data + ",\"role\":\"user-edit\"}}",
                "role.revoked " + data + ",\"role\":\"user-edit\"}}",
                "session.revoked " + data + ",\"reason\":\"logout\"}}",
                "refresh_token.reuse_detected " + data + "}}",
                "session.revoked " + data + ",\"reason\":\"refresh_token_reuse\"}}",
                "user.password_changed " + data + ",\"reason\":\"reset\"}}",
                "session.revoked " + data + ",\"reason\":\"password_reset\"}}",
                "user.deactivated " + data + ",\"deactivated\":true}}",
                "session.revoked " + data + ",\"reason\":\"deactivated\"}}",
                "user.activated " + data + ",\"deactivated\":false}}");
        assertThat(events).allSatisfy(delivery -> {
            String payload = delivery.event().payload();
            assertThat(payload).startsWith("{\"type\":\"" + delivery.event().type().wireName()
                    + "\",\"timestamp\":\"").doesNotContain(CoreFixture.PASSWORD, "a new long password", code,
                    first.tokens().refreshToken(), second.tokens().refreshToken(), first.tokens().accessToken(), "$2");
        });
    }
}
