package io.userservice.core.service;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import io.userservice.core.port.in.PortalLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortalTest {

    private final CoreFixture fixture = new CoreFixture();

    private IssuePortalTokenUseCase.IssuedToken tokenFor(String email, Integer minutes) {
        return fixture.core.issuePortalToken().issue(
                new IssuePortalTokenUseCase.Command(email, CoreFixture.PASSWORD, minutes, ClientAddress.unknown()));
    }

    @Test
    void aPortalTokenSignsInOnceAndStillWorksAsABearerToken() {
        fixture.aConfirmedUser("portal@example.com");
        IssuePortalTokenUseCase.IssuedToken token = tokenFor("portal@example.com", 30);

        PortalLogin login = fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(token.token(), ClientAddress.unknown()));

        assertThat(login.user().email().value()).isEqualTo("portal@example.com");
        assertThat(token.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(30)));
        assertThatThrownBy(() -> fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(token.token(), ClientAddress.unknown())))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("already been used");
        assertThat(fixture.core.authenticate().authenticate(token.token()).email()).isEqualTo("portal@example.com");
    }

    @Test
    void anOrdinaryAccessTokenCannotSignIntoThePortal() {
        String access = fixture.aSignedInUser("plain@example.com").tokens().accessToken();

        assertThatThrownBy(() -> fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(access, ClientAddress.unknown()))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void anExpiredPortalTokenIsRefused() {
        fixture.aConfirmedUser("late@example.com");
        String token = tokenFor("late@example.com", 1).token();
        fixture.clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(token, ClientAddress.unknown()))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void issuingNeedsTheRightPasswordAndASaneValidity() {
        fixture.aConfirmedUser("check@example.com");

        assertThatThrownBy(() -> fixture.core.issuePortalToken().issue(
                new IssuePortalTokenUseCase.Command("check@example.com", "wrong password", 30, ClientAddress.unknown())))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> tokenFor("check@example.com", 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> tokenFor("check@example.com", 24 * 60 + 1)).isInstanceOf(InvalidInputException.class);
        assertThat(tokenFor("check@example.com", null).expiresAt())
                .isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void sessionsLastUntilSignOutOrExpiry() {
        fixture.aConfirmedUser("session@example.com");
        PortalLogin first = fixture.core.signInToPortal().signIn(new SignInToPortalUseCase.Command("session@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));
        PortalLogin second = fixture.core.signInToPortal().signIn(new SignInToPortalUseCase.Command("session@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));

        assertThat(fixture.core.currentPortalUser().currentUser(first.sessionSecret())).isPresent();
        fixture.core.signOutOfPortal().signOut(first.sessionSecret());
        assertThat(fixture.core.currentPortalUser().currentUser(first.sessionSecret())).isEmpty();
        assertThat(fixture.core.currentPortalUser().currentUser(second.sessionSecret())).isPresent();
        fixture.clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(fixture.core.currentPortalUser().currentUser(second.sessionSecret())).isEmpty();
        assertThat(fixture.core.currentPortalUser().currentUser("made-up")).isEmpty();
        assertThat(fixture.core.currentPortalUser().currentUser(null)).isEmpty();
    }
}
