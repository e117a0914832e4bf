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
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.DisableTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.RenewRecoveryCodesUseCase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Changing factors that are on takes the owner's own credential, their password and a current
 * code: a token minted on their behalf is refused; a wrong code is refused, audited as denied and
 * counted against the account's sign-in limit until even the right code is throttled; a recovery
 * code is used up and audited as such, naming what it was used for; an authenticator code is not.
 */
class FactorOwnersTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("203.0.113.50");

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");
    private final String secret = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(ann.id()),
            CoreFixture.PASSWORD, ClientAddress.unknown())).secret();
    private final List<String> recoveryCodes = fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(
            Caller.user(ann.id()), currentCode(), ClientAddress.unknown()));

    FactorOwnersTest() {
        fixture.clock.advance(Duration.ofSeconds(30));
    }

    private String currentCode() {
        return AuthenticatorApp.code(secret, fixture.clock.instant());
    }

    private String wrongCode() {
        String code = currentCode();
        return code.substring(0, 5) + (char) ('0' + (code.charAt(5) - '0' + 1) % 10);
    }

    private List<String> renew(Caller caller, String code) {
        return fixture.core.renewRecoveryCodes().renew(new RenewRecoveryCodesUseCase.Command(caller,
                CoreFixture.PASSWORD, code, ADDRESS));
    }

    private void disable(String code) {
        fixture.core.disableTotp().disable(new DisableTotpUseCase.Command(Caller.user(ann.id()), CoreFixture.PASSWORD,
                code, ADDRESS));
    }

    private boolean mfaOn() {
        return fixture.core.mfaStatus().status(ann.id()).enabled();
    }

    private List<AuditEvent> audited(AuditAction action) {
        return fixture.state.auditLog().newest(null, 200).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(action.storedForm())).toList();
    }

    @Test
    void aTokenMintedOnTheOwnersBehalfChangesNoFactor() {
        assertThatThrownBy(() -> renew(new Caller(ann.id(), bob.id()), currentCode()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot change two-factor authentication.");

        assertThat(audited(AuditAction.RECOVERY_CODES_RENEWED))
                .extracting(AuditEvent::actorId, AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bob.id(), Outcome.DENIED.storedForm()));
    }

    @Test
    void aWrongCodeIsRefusedAndAuditedAndTheFactorStaysOn() {
        assertThatThrownBy(() -> disable(wrongCode())).isInstanceOf(InvalidMfaCodeException.class);

        assertThat(mfaOn()).isTrue();
        AuditEvent denied = audited(AuditAction.MFA_DISABLED).get(0);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.detail()).isEqualTo("wrong code");
        assertThat(denied.actorId()).isEqualTo(ann.id());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.clientAddress()).isEqualTo("203.0.113.50");
    }

    @Test
    void wrongCodesCountAgainstTheSignInLimitUntilEvenTheRightCodeIsThrottled() {
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThatThrownBy(() -> disable(wrongCode())).isInstanceOf(InvalidMfaCodeException.class);
        }

        assertThatThrownBy(() -> disable(currentCode())).isInstanceOf(TooManyRequestsException.class);
        assertThat(mfaOn()).isTrue();
    }

    @Test
    void aRecoveryCodeIsUsedUpAndAuditedWithWhatItWasUsedFor() {
        List<String> renewed = renew(Caller.user(ann.id()), recoveryCodes.get(2));

        assertThat(renewed).hasSize(10).doesNotContainAnyElementsOf(recoveryCodes);
        AuditEvent used = audited(AuditAction.RECOVERY_CODE_USED).get(0);
        assertThat(used.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(used.detail()).isEqualTo("recovery codes renewed");
        assertThat(used.subjectId()).isEqualTo(ann.id());
        assertThat(used.clientAddress()).isEqualTo("203.0.113.50");
        assertThatThrownBy(() -> disable(recoveryCodes.get(2)))
                .isInstanceOf(InvalidMfaCodeException.class);
    }

    @Test
    void anAuthenticatorCodeUsesNoRecoveryCode() {
        disable(currentCode());

        assertThat(mfaOn()).isFalse();
        assertThat(audited(AuditAction.RECOVERY_CODE_USED)).isEmpty();
        assertThat(audited(AuditAction.MFA_DISABLED)).extracting(AuditEvent::outcome)
                .containsExactly(Outcome.SUCCESS.storedForm());
    }
}
