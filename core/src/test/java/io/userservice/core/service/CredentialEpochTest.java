package io.userservice.core.service;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


/** What ends a user's sessions at once, and what lets them run out at the latest. */
class CredentialEpochTest {

    private final CoreFixture fixture = new CoreFixture(CoreSettings.defaults()
            .withSessionMaxLifetime(Duration.ofDays(3)));

    private void change(long userId, Role role, boolean grant) {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), userId, role, grant, ClientAddress.unknown()));
    }

    private String refresh(String token) {
        return fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(token, ClientAddress.unknown())).refreshToken();
    }

    @Test
    void aRevokedRoleEndsEveryTokenAndSessionOfTheUserAtOnceAndAGrantEndsNone() {
        LogInUseCase.Result session = fixture.aSignedInUser("ada@example.com");
        long id = session.user().id();
        change(id, Role.ADMIN, true);
        change(id, new Role("billing"), true);
        PortalLogin portal = fixture.core.signInToPortal().signIn(new SignInToPortalUseCase.Command("ada@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()));
        String portalToken = fixture.core.issuePortalToken().issue(new IssuePortalTokenUseCase.Command(
                "ada@example.com", CoreFixture.PASSWORD, null, ClientAddress.unknown())).token();
        assertThatCode(() -> fixture.core.authenticate().authenticate(session.tokens().accessToken()))
                .doesNotThrowAnyException();

        change(id, Role.ADMIN, false);

        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(session.tokens().accessToken()))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> refresh(session.tokens().refreshToken()))
                .isInstanceOf(InvalidRefreshTokenException.class);
        assertThat(fixture.core.currentPortalUser().currentUser(portal.sessionSecret())).isEmpty();
        assertThatThrownBy(() -> fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(portalToken, ClientAddress.unknown())))
                .isInstanceOf(InvalidTokenException.class);
        LogInUseCase.Result again = fixture.core.logIn().logIn(new LogInUseCase.Command("ada@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()));
        assertThat(fixture.core.authenticate().authenticate(again.tokens().accessToken()).roles())
                .containsExactly(new Role("billing"));
    }

    @Test
    void anImpersonationTokenEndsWhenItsActorLosesTheRoleThatMintedIt() {
        User admin = fixture.aConfirmedUser("admin@example.com");
        User member = fixture.aConfirmedUser("member@example.com");
        change(admin.id(), Role.ADMIN, true);
        change(admin.id(), Role.USER_EDIT, true);
        String token = fixture.core.impersonate().impersonate(new ImpersonateUseCase.Command(Caller.user(admin.id()),
                member.id(), 10, ClientAddress.unknown())).token();
        assertThat(fixture.core.authenticate().authenticate(token).userId()).isEqualTo(member.id());

        change(admin.id(), Role.USER_EDIT, false);

        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(token))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aSessionEndsItsMaximumLifetimeAfterItsSignInHoweverOftenItIsRefreshed() {
        String token = fixture.aSignedInUser("ada@example.com").tokens().refreshToken();
        for (int day = 0; day < 2; day++) {
            fixture.clock.advance(Duration.ofDays(1));
            token = refresh(token);
        }

        fixture.clock.advance(Duration.ofDays(1).minusSeconds(1));
        token = refresh(token);
        fixture.clock.advance(Duration.ofSeconds(1));

        String last = token;
        assertThatThrownBy(() -> refresh(last)).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void portalTokensAreShortenedToTheirMaximumLifetime() {
        fixture.aConfirmedUser("ada@example.com");

        var token = fixture.core.issuePortalToken().issue(new IssuePortalTokenUseCase.Command("ada@example.com",
                CoreFixture.PASSWORD, IssuePortalTokenUseCase.MAX_VALIDITY_MINUTES, ClientAddress.unknown()));

        assertThat(token.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofHours(1)));
        fixture.clock.advance(Duration.ofMinutes(61));
        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(token.token()))
                .isInstanceOf(InvalidTokenException.class);
    }
}
