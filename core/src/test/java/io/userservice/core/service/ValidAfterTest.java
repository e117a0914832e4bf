package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import io.userservice.core.domain.Caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.domain.MailKind;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tokens and sessions from before a password reset or a deactivation stop working; later ones work. */
class ValidAfterTest {

    private final CoreFixture fixture = new CoreFixture();

    private void reset(String email, String newPassword) {
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(email, ClientAddress.unknown()));
        String code = fixture.lastCode(MailKind.PASSWORD_RESET, email).orElseThrow();
        fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code, newPassword, ClientAddress.unknown()));
    }

    private User anAdmin() {
        User admin = fixture.aConfirmedUser("admin@example.com");
        fixture.state.accounts().grant(admin.id(), Role.ADMIN);
        return admin;
    }

    @Test
    void anAccessTokenFromBeforeAResetStopsWorkingAndOneFromRightAfterWorks() {
        String before = fixture.aSignedInUser("ada@example.com").tokens().accessToken();
        fixture.clock.advance(Duration.ofMillis(400));

        reset("ada@example.com", "a brand new password");
        // same second, same millisecond as the reset
        String after = fixture.core.logIn().logIn(new LogInUseCase.Command("ada@example.com", "a brand new password", ClientAddress.unknown()))
                .tokens().accessToken();

        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(before))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(fixture.core.authenticate().authenticate(after).email()).isEqualTo("ada@example.com");
    }

    @Test
    void aTokenIssuedOneMillisecondBeforeAResetInTheSameSecondStopsWorking() {
        fixture.aConfirmedUser("ada@example.com");
        fixture.clock.advance(Duration.ofMillis(998));
        String before = fixture.core.logIn().logIn(new LogInUseCase.Command("ada@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))
                .tokens().accessToken();
        fixture.clock.advance(Duration.ofMillis(1));

        reset("ada@example.com", "a brand new password");

        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(before))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aPortalTokenFromBeforeAResetCannotSignIntoThePortal() {
        fixture.aConfirmedUser("ada@example.com");
        String portalToken = fixture.core.issuePortalToken().issue(new IssuePortalTokenUseCase.Command(
                "ada@example.com", CoreFixture.PASSWORD, null, ClientAddress.unknown())).token();
        var session = fixture.core.signInToPortal().signIn(new SignInToPortalUseCase.Command("ada@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));
        fixture.clock.advance(Duration.ofSeconds(1));

        reset("ada@example.com", "a brand new password");

        assertThatThrownBy(() -> fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(portalToken, ClientAddress.unknown())))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(fixture.core.currentPortalUser().currentUser(session.sessionSecret())).isEmpty();
    }

    @Test
    void aDeactivatedUserCannotSignInRefreshOrUseTokens() {
        User admin = anAdmin();
        LogInUseCase.Result session = fixture.aSignedInUser("ada@example.com");
        long adaId = session.user().id();
        var portal = fixture.core.signInToPortal().signIn(new SignInToPortalUseCase.Command("ada@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));
        fixture.clock.advance(Duration.ofSeconds(1));

        User deactivated = fixture.core.deactivateUser().setActive(
                new DeactivateUserUseCase.Command(Caller.user(admin.id()), adaId, false, ClientAddress.of("203.0.113.9")));

        assertThat(deactivated.deactivated()).isTrue();
        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(session.tokens().accessToken()))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> fixture.core.refreshTokens().refresh(
                new RefreshTokensUseCase.Command(session.tokens().refreshToken(), ClientAddress.unknown())))
                .isInstanceOf(InvalidRefreshTokenException.class);
        assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("ada@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command("ada@example.com", CoreFixture.PASSWORD, ClientAddress.unknown())))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(fixture.core.currentPortalUser().currentUser(portal.sessionSecret())).isEmpty();
        assertThatThrownBy(() -> fixture.core.impersonate().impersonate(
                new ImpersonateUseCase.Command(Caller.user(admin.id()), adaId, null, ClientAddress.of("x"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(fixture.state.auditLog().newest(null, 10)).anyMatch(e -> e.event().action().equals(AuditAction.USER_DEACTIVATED.storedForm())
                && e.event().subjectId() == adaId && e.event().actorId() == admin.id());
    }

    @Test
    void aReactivatedUserSignsInAgainButOldTokensStayInvalid() {
        User admin = anAdmin();
        LogInUseCase.Result session = fixture.aSignedInUser("ada@example.com");
        long adaId = session.user().id();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.user(admin.id()), adaId, false, ClientAddress.of("x")));
        fixture.clock.advance(Duration.ofSeconds(1));

        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.user(admin.id()), adaId, true, ClientAddress.of("x")));

        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(session.tokens().accessToken()))
                .isInstanceOf(InvalidTokenException.class);
        String fresh = fixture.core.logIn().logIn(new LogInUseCase.Command("ada@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))
                .tokens().accessToken();
        assertThat(fixture.core.authenticate().authenticate(fresh).userId()).isEqualTo(adaId);
    }

    @Test
    void anImpersonationTokenStopsWorkingWhenItsActorIsDeactivated() {
        User admin = anAdmin();
        User other = fixture.aConfirmedUser("other-admin@example.com");
        fixture.state.accounts().grant(other.id(), Role.ADMIN);
        long adaId = fixture.aConfirmedUser("ada@example.com").id();
        String onBehalf = fixture.core.impersonate().impersonate(
                new ImpersonateUseCase.Command(Caller.user(other.id()), adaId, null, ClientAddress.of("x"))).token();
        assertThat(fixture.core.authenticate().authenticate(onBehalf).userId()).isEqualTo(adaId);
        fixture.clock.advance(Duration.ofSeconds(1));

        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.user(admin.id()), other.id(), false, ClientAddress.of("x")));

        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(onBehalf))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void onlyAdminsDeactivateAndNotThemselves() {
        User admin = anAdmin();
        long adaId = fixture.aConfirmedUser("ada@example.com").id();

        assertThatThrownBy(() -> fixture.core.deactivateUser().setActive(
                new DeactivateUserUseCase.Command(Caller.user(adaId), admin.id(), false, ClientAddress.of("x"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixture.core.deactivateUser().setActive(
                new DeactivateUserUseCase.Command(Caller.user(admin.id()), admin.id(), false, ClientAddress.of("x"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(fixture.state.auditLog().newest(null, 10)).anyMatch(e -> e.event().action().equals(AuditAction.USER_DEACTIVATED.storedForm())
                && e.event().outcome().equals(Outcome.DENIED.storedForm()));
    }
}
