package io.userservice.core.service;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.settings.ThrottleSettings.Limit;
import io.userservice.core.settings.ThrottleSettings;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class ThrottlingTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String HOME = "198.51.100.1";
    private static final String ELSEWHERE = "203.0.113.9";
    private static final String WRONG_PASSWORD = "Wr0ng-Secret-9";

    /** Three failures per account, five per address; three of everything else. */
    private final CoreFixture fixture = new CoreFixture(new ThrottleSettings(new Limit(3, WINDOW), new Limit(5, WINDOW),
            new Limit(3, WINDOW), new Limit(3, WINDOW), new Limit(3, WINDOW), new Limit(3, WINDOW),
            new Limit(3, WINDOW)));

    private LogInUseCase.Result logIn(String email, String password, String address) {
        return fixture.core.logIn().logIn(new LogInUseCase.Command(email, password, address == null ? ClientAddress.unknown() : ClientAddress.of(address)));
    }

    private void failLogIn(String email, String address) {
        assertThatThrownBy(() -> logIn(email, WRONG_PASSWORD, address))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void anIpv6ClientRotatingThroughItsSlashSixtyFourIsCountedAsOneAddress() {
        for (int i = 0; i < 5; i++) {
            failLogIn("guess" + i + "@example.com", "2001:db8:aa:bb::" + Integer.toHexString(i + 1));
        }

        catchThrottled(() -> logIn("guess9@example.com", WRONG_PASSWORD, "2001:db8:aa:bb:1234:5678:9abc:def0"));
        failLogIn("guess9@example.com", "2001:db8:aa:bc::1");
    }

    @Test
    void anAccountIsSlowedDownAfterItsFailuresThenWorksAgainOnceTheWindowEnds() {
        fixture.aConfirmedUser("jane@example.com");
        for (int i = 0; i < 3; i++) {
            failLogIn("jane@example.com", "10.0.0." + i);
        }

        TooManyRequestsException refused = catchThrottled(() -> logIn("jane@example.com", CoreFixture.PASSWORD, "10.0.1.1"));
        assertThat(refused.code()).isEqualTo("too_many_requests");
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(WINDOW);

        fixture.clock.advance(refused.retryAfter());
        assertThat(logIn("jane@example.com", CoreFixture.PASSWORD, "10.0.1.1").user().email().value())
                .isEqualTo("jane@example.com");
    }

    @Test
    void theAccountIsCountedByItsNormalizedEmailOnEveryChannel() {
        fixture.aConfirmedUser("jane@example.com");
        failLogIn(" JANE@example.com", null);
        assertThatThrownBy(() -> fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command("jane@EXAMPLE.com", "nope", ClientAddress.unknown())))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> fixture.core.issuePortalToken().issue(
                new IssuePortalTokenUseCase.Command("jane@example.com", "nope", null, ClientAddress.unknown())))
                .isInstanceOf(InvalidCredentialsException.class);

        catchThrottled(() -> fixture.core.signInToPortal().signIn(new SignInToPortalUseCase.Command("jane@example.com", CoreFixture.PASSWORD, ClientAddress.unknown())));
    }

    @Test
    void knownAndUnknownAccountsAreThrottledAlikeWithTheSameAnswer() {
        fixture.aConfirmedUser("known@example.com");
        for (int i = 0; i < 3; i++) {
            failLogIn("known@example.com", null);
            failLogIn("unknown@example.com", null);
        }

        TooManyRequestsException known = catchThrottled(() -> logIn("known@example.com", "whatever", null));
        TooManyRequestsException unknown = catchThrottled(() -> logIn("unknown@example.com", "whatever", null));

        assertThat(known.getMessage()).isEqualTo(unknown.getMessage());
        assertThat(known.code()).isEqualTo(unknown.code());
        assertThat(known.retryAfter()).isEqualTo(unknown.retryAfter());
    }

    @Test
    void anAddressTryingManyAccountsIsThrottledWhileOtherAddressesAreNot() {
        fixture.aConfirmedUser("jane@example.com");
        for (int i = 0; i < 5; i++) {
            failLogIn("victim" + i + "@example.com", HOME);
        }

        catchThrottled(() -> logIn("jane@example.com", CoreFixture.PASSWORD, HOME));
        assertThatCode(() -> logIn("jane@example.com", CoreFixture.PASSWORD, ELSEWHERE)).doesNotThrowAnyException();
    }

    @Test
    void successesDoNotCountAgainstTheAccount() {
        fixture.aConfirmedUser("busy@example.com");
        for (int i = 0; i < 10; i++) {
            logIn("busy@example.com", CoreFixture.PASSWORD, HOME);
        }
        assertThatCode(() -> logIn("busy@example.com", CoreFixture.PASSWORD, HOME)).doesNotThrowAnyException();
    }

    @Test
    void registrationsExistenceChecksAndCodesAreLimitedPerAddress() {
        for (int i = 0; i < 3; i++) {
            fixture.core.register().register(RegisterUserUseCase.Command.of("r" + i + "@example.com",
                    CoreFixture.PASSWORD, null, null, null, ClientAddress.of(HOME)));
            fixture.core.userExists().exists(new UserExistsUseCase.Command("r" + i + "@example.com", ClientAddress.of(HOME)));
            String code = "guess-" + i;
            assertThatThrownBy(() -> fixture.core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.of(HOME))))
                    .isInstanceOf(InvalidCodeException.class);
        }

        catchThrottled(() -> fixture.core.register().register(RegisterUserUseCase.Command.of("r9@example.com",
                CoreFixture.PASSWORD, null, null, null, ClientAddress.of(HOME))));
        catchThrottled(() -> fixture.core.userExists().exists(new UserExistsUseCase.Command("r0@example.com", ClientAddress.of(HOME))));
        catchThrottled(() -> fixture.core.completePasswordReset().complete(
                new CompletePasswordResetUseCase.Command("guess", "a new password here", ClientAddress.of(HOME))));
        assertThat(fixture.core.userExists().exists(new UserExistsUseCase.Command("r0@example.com", ClientAddress.of(ELSEWHERE)))).isTrue();
        assertThat(fixture.core.userExists().exists(new UserExistsUseCase.Command("r0@example.com", ClientAddress.unknown()))).isTrue();
    }

    @Test
    void resetRequestsAreLimitedPerAccountWhetherOrNotItExists() {
        for (String email : List.of("jane@example.com", "nobody@example.com")) {
            fixture.aConfirmedUser("jane@example.com".equals(email) ? email : "someone@example.com");
            for (int i = 0; i < 3; i++) {
                String address = "10.1.0." + i;
                fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(email, ClientAddress.of(address)));
            }
            // over the account's limit: the same answer, but no new mail
            assertThatCode(() -> fixture.core.requestPasswordReset().request(
                    new RequestPasswordResetUseCase.Command(email.toUpperCase(), ClientAddress.of("10.2.0.1")))).doesNotThrowAnyException();
        }
        assertThat(fixture.sent()).filteredOn(n -> n.email().equals("jane@example.com")
                && n.kind() == io.userservice.core.domain.MailKind.PASSWORD_RESET).hasSize(3);
        assertThat(fixture.state.auditLog().newest(null, 100)).filteredOn(e -> e.event().action()
                .equals(AuditAction.RESET_REQUESTED.storedForm()) && e.event().outcome().equals(Outcome.THROTTLED.storedForm())).hasSize(2);
    }

    @Test
    void refusalsAndFailuresAreAuditedWithoutSecrets() {
        fixture.aConfirmedUser("jane@example.com");
        for (int i = 0; i < 3; i++) {
            failLogIn("jane@example.com", HOME);
        }
        catchThrottled(() -> logIn("jane@example.com", CoreFixture.PASSWORD, HOME));

        List<AuditEvent> events = fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event).toList();
        assertThat(events).filteredOn(e -> e.action().equals(AuditAction.SIGN_IN.storedForm()))
                .extracting(AuditEvent::outcome)
                .containsExactly(Outcome.THROTTLED.storedForm(), Outcome.DENIED.storedForm(), Outcome.DENIED.storedForm(), Outcome.DENIED.storedForm());
        assertThat(events).allSatisfy(e -> assertThat(e.toString())
                .doesNotContain(CoreFixture.PASSWORD).doesNotContain(WRONG_PASSWORD).doesNotContain("jane@"));
        assertThat(events.get(0).clientAddress()).isEqualTo(HOME);
    }

    private static TooManyRequestsException catchThrottled(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(TooManyRequestsException.class);
        return (TooManyRequestsException) thrown;
    }
}
