package io.userservice.core.service;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.settings.ThrottleSettings.Limit;
import io.userservice.core.settings.ThrottleSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


/** The owner's path while someone else keeps guessing the account's password or asking for resets. */
class LockoutTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String OWNER = "owner@example.com";
    private static final String ATTACKER_ADDRESS = "203.0.113.66";

    private final CoreFixture fixture = new CoreFixture(new ThrottleSettings(new Limit(3, WINDOW),
            new Limit(1000, WINDOW), new Limit(30, WINDOW), new Limit(3, Duration.ofHours(1)),
            new Limit(1000, Duration.ofHours(1)), new Limit(20, WINDOW), new Limit(100, WINDOW)));

    private LogInUseCase.Result logIn(String email, String password, String deviceToken) {
        return fixture.core.logIn().logIn(new LogInUseCase.Command(email, password, ClientAddress.of("198.51.100.7"), deviceToken));
    }

    private void attack(String email, int attempts) {
        for (int i = 0; i < attempts; i++) {
            assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command(email, "guess " + Math.random(),
                    ClientAddress.of(ATTACKER_ADDRESS)))).isInstanceOfAny(InvalidCredentialsException.class, TooManyRequestsException.class);
        }
    }

    @Test
    void aDeviceThatSignedInBeforeKeepsSigningInWhileTheAccountIsUnderAttack() {
        fixture.aConfirmedUser(OWNER);
        String device = logIn(OWNER, CoreFixture.PASSWORD, null).deviceToken();

        attack(OWNER, 20);

        assertThatThrownBy(() -> logIn(OWNER, CoreFixture.PASSWORD, null)).isInstanceOf(TooManyRequestsException.class);
        LogInUseCase.Result owner = logIn(OWNER, CoreFixture.PASSWORD, device);
        assertThat(owner.user().email().value()).isEqualTo(OWNER);
        assertThat(owner.deviceToken()).isNotBlank();
        assertThatCode(() -> logIn(OWNER, CoreFixture.PASSWORD, owner.deviceToken())).doesNotThrowAnyException();
    }

    @Test
    void aDeviceIsHeldToItsOwnFailures() {
        fixture.aConfirmedUser(OWNER);
        String device = logIn(OWNER, CoreFixture.PASSWORD, null).deviceToken();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> logIn(OWNER, "not the password", device))
                    .isInstanceOf(InvalidCredentialsException.class);
        }

        assertThatThrownBy(() -> logIn(OWNER, CoreFixture.PASSWORD, device)).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> logIn(OWNER, CoreFixture.PASSWORD, null)).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void onlyADeviceTokenOfThisVeryAccountCounts() {
        fixture.aConfirmedUser(OWNER);
        fixture.aConfirmedUser("attacker@example.com");
        String attackersDevice = logIn("attacker@example.com", CoreFixture.PASSWORD, null).deviceToken();
        LogInUseCase.Result ownerSession = logIn(OWNER, CoreFixture.PASSWORD, null);

        attack(OWNER, 5);

        for (String notADevice : List.of(attackersDevice, ownerSession.tokens().accessToken(),
                ownerSession.tokens().refreshToken(), "garbage", "")) {
            assertThatThrownBy(() -> logIn(OWNER, CoreFixture.PASSWORD, notADevice))
                    .as(notADevice).isInstanceOf(TooManyRequestsException.class);
        }
    }

    @Test
    void aDeviceTokenIsNoAccessToken() {
        fixture.aConfirmedUser(OWNER);
        String device = logIn(OWNER, CoreFixture.PASSWORD, null).deviceToken();

        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(device))
                .isInstanceOf(io.userservice.core.domain.InvalidTokenException.class);
        assertThatThrownBy(() -> fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(device, ClientAddress.unknown())))
                .isInstanceOf(io.userservice.core.domain.InvalidTokenException.class);
    }

    @Test
    void resetRequestsBySomeoneElseNeverKeepTheOwnerFromResetting() {
        fixture.aConfirmedUser(OWNER);
        for (int i = 0; i < 10; i++) {
            assertThatCode(() -> fixture.core.requestPasswordReset().request(
                    new RequestPasswordResetUseCase.Command(OWNER, ClientAddress.of(ATTACKER_ADDRESS)))).doesNotThrowAnyException();
        }
        List<String> links = fixture.sent().stream().filter(n -> n.kind() == MailKind.PASSWORD_RESET)
                .map(n -> n.mail().code()).toList();

        assertThat(links).hasSize(3);
        assertThatCode(() -> fixture.core.requestPasswordReset().request(
                new RequestPasswordResetUseCase.Command(OWNER, ClientAddress.of("198.51.100.7")))).doesNotThrowAnyException();
        fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(links.get(0),
                "the owner's new password", ClientAddress.unknown()));
        assertThat(logIn(OWNER, "the owner's new password", null).user().email().value()).isEqualTo(OWNER);
    }
}
