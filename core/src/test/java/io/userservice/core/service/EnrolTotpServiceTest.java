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
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Starting an authenticator enrolment: only the user themself, with their own credential and
 * their password (never the operator, never a token minted on their behalf); while a factor is on
 * a second one is refused; a success leaves a pending authenticator for the caller alone, returns
 * its secret and the account's email, and is audited as pending.
 */
class EnrolTotpServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.61");

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    private EnrolTotpUseCase.Enrolment enrol(Caller caller, String password) {
        return fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(caller, password, ADDRESS));
    }

    private List<AuditEvent> audited(AuditAction action) {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(action.storedForm())).toList();
    }

    @Test
    void theOperatorHasNoAuthenticatorToEnrol() {
        assertThatThrownBy(() -> enrol(Caller.operator(), CoreFixture.PASSWORD))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the operator has no second factor of their own");

        assertThat(audited(AuditAction.MFA_ENROLMENT)).isEmpty();
    }

    @Test
    void aTokenMintedOnTheUsersBehalfCannotEnrolAnAuthenticator() {
        assertThatThrownBy(() -> enrol(new Caller(ann.id(), bob.id()), CoreFixture.PASSWORD))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(fixture.state.secondFactors().totp(ann.id())).isEmpty();
        assertThat(audited(AuditAction.MFA_ENROLMENT)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.actorId()).isEqualTo(bob.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.detail()).isEqualTo("caller used an impersonation token");
        });
    }

    @Test
    void aWrongPasswordLeavesNoPendingAuthenticator() {
        assertThatThrownBy(() -> enrol(Caller.user(ann.id()), "not the password"))
                .isInstanceOf(InvalidCredentialsException.class);

        assertThat(fixture.state.secondFactors().totp(ann.id())).isEmpty();
        assertThat(audited(AuditAction.MFA_ENROLMENT)).noneMatch(e -> e.outcome().equals(Outcome.SUCCESS.storedForm()));
    }

    @Test
    void aSecondAuthenticatorIsRefusedWhileOneIsOnAndOnlyTheFirstIsAudited() {
        String secret = enrol(Caller.user(ann.id()), CoreFixture.PASSWORD).secret();
        fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(ann.id()),
                AuthenticatorApp.code(secret, fixture.clock.instant()), ADDRESS));

        assertThatThrownBy(() -> enrol(Caller.user(ann.id()), CoreFixture.PASSWORD))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "mfa_already_enabled");

        assertThat(audited(AuditAction.MFA_ENROLMENT)).filteredOn(e -> e.outcome().equals(Outcome.SUCCESS.storedForm()))
                .hasSize(1);
        assertThat(fixture.state.secondFactors().totp(ann.id())).hasValueSatisfying(f ->
                assertThat(f.enabled()).as("the first authenticator stays on").isTrue());
    }

    @Test
    void theUserEnrolsForTheirOwnAccountOnlyWithAPendingAuditedAuthenticator() {
        EnrolTotpUseCase.Enrolment enrolment = enrol(Caller.user(ann.id()), CoreFixture.PASSWORD);

        assertThat(enrolment.accountName()).isEqualTo("ann@example.com");
        assertThat(enrolment.secret()).isNotBlank();
        assertThat(fixture.state.secondFactors().totp(ann.id())).hasValueSatisfying(f ->
                assertThat(f.enabled()).isFalse());
        assertThat(fixture.state.secondFactors().totp(bob.id())).isEmpty();
        assertThat(audited(AuditAction.MFA_ENROLMENT)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.61");
            assertThat(e.detail()).isEqualTo("authenticator pending");
        });
    }
}
