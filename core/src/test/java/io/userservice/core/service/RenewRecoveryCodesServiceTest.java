package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.RenewRecoveryCodesUseCase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * New recovery codes: only for the user themself, with their own credential, their password and a
 * current code; while two-factor authentication is off there are none to renew (after the
 * password is checked); a renewal replaces every old code with ten new ones and is audited.
 */
class RenewRecoveryCodesServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.63");

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");
    private String secret;
    private List<String> firstCodes;

    private void turnOn(User user) {
        secret = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(user.id()),
                CoreFixture.PASSWORD, ADDRESS)).secret();
        firstCodes = fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(user.id()),
                AuthenticatorApp.code(secret, fixture.clock.instant()), ADDRESS));
        fixture.clock.advance(Duration.ofSeconds(30));
    }

    private String currentCode() {
        return AuthenticatorApp.code(secret, fixture.clock.instant());
    }

    private List<String> renew(Caller caller, String password, String code) {
        return fixture.core.renewRecoveryCodes().renew(new RenewRecoveryCodesUseCase.Command(caller, password, code,
                ADDRESS));
    }

    private List<AuditEvent> audited(Outcome outcome) {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.RECOVERY_CODES_RENEWED.storedForm()))
                .filter(e -> e.outcome().equals(outcome.storedForm())).toList();
    }

    @Test
    void theOperatorHasNoRecoveryCodes() {
        assertThatThrownBy(() -> renew(Caller.operator(), CoreFixture.PASSWORD, null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the operator has no second factor of their own");

        assertThat(audited(Outcome.DENIED)).isEmpty();
        assertThat(audited(Outcome.SUCCESS)).isEmpty();
    }

    @Test
    void aTokenMintedOnTheUsersBehalfCannotRenewThem() {
        turnOn(ann);

        assertThatThrownBy(() -> renew(new Caller(ann.id(), bob.id()), CoreFixture.PASSWORD, currentCode()))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(fixture.state.secondFactors().recoveryCodesLeft(ann.id())).isEqualTo(10);
        assertThat(audited(Outcome.DENIED)).singleElement().satisfies(e -> assertThat(e.actorId()).isEqualTo(bob.id()));
    }

    @Test
    void whileOffTheAnswerComesOnlyAfterTheRightPassword() {
        assertThatThrownBy(() -> renew(Caller.user(ann.id()), "not the password", null))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> renew(Caller.user(ann.id()), CoreFixture.PASSWORD, null))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "mfa_not_enabled");

        assertThat(fixture.state.secondFactors().recoveryCodesLeft(ann.id())).isZero();
        assertThat(audited(Outcome.SUCCESS)).isEmpty();
    }

    @Test
    void aWrongCodeKeepsTheOldCodes() {
        turnOn(ann);
        String wrong = currentCode().equals("000000") ? "111111" : "000000";

        assertThatThrownBy(() -> renew(Caller.user(ann.id()), CoreFixture.PASSWORD, wrong))
                .isInstanceOf(InvalidMfaCodeException.class);

        assertThat(fixture.state.secondFactors().recoveryCodesLeft(ann.id())).isEqualTo(10);
        assertThat(audited(Outcome.SUCCESS)).isEmpty();
        assertThat(audited(Outcome.DENIED)).singleElement().satisfies(e ->
                assertThat(e.detail()).isEqualTo("wrong code"));
    }

    @Test
    void theRightPasswordAndCodeReplaceEveryOldCodeWithTenNewOnesAndAreAudited() {
        turnOn(ann);

        List<String> renewed = renew(Caller.user(ann.id()), CoreFixture.PASSWORD, currentCode());

        assertThat(renewed).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(firstCodes);
        assertThat(fixture.state.secondFactors().recoveryCodesLeft(ann.id())).isEqualTo(10);
        fixture.clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> renew(Caller.user(ann.id()), CoreFixture.PASSWORD, firstCodes.get(0)))
                .as("an old recovery code is no code any more").isInstanceOf(InvalidMfaCodeException.class);
        assertThat(audited(Outcome.SUCCESS)).singleElement().satisfies(e -> {
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.63");
            assertThat(e.detail()).isNull();
        });
    }

    @Test
    void aRecoveryCodeServesAsTheCodeAndIsUsedUpByTheRenewal() {
        turnOn(ann);

        List<String> renewed = renew(Caller.user(ann.id()), CoreFixture.PASSWORD, firstCodes.get(4));

        assertThat(renewed).hasSize(10);
        assertThat(fixture.state.auditLog().about(ann.id(), 100)).extracting(AuditEntry::event)
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo(AuditAction.RECOVERY_CODE_USED.storedForm());
                    assertThat(e.detail()).isEqualTo(AuditAction.RECOVERY_CODES_RENEWED.storedForm());
                });
    }
}
