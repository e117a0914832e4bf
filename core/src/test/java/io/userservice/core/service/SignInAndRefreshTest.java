package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailNotConfirmedException;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.TokenPair;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.LogOutUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInAndRefreshTest {

    private final CoreFixture fixture = new CoreFixture();

    private TokenPair refresh(CoreFixture f, String token) {
        return f.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(token, ClientAddress.unknown()));
    }

    @Test
    void signInChecksThePasswordAndIssuesBothTokens() {
        fixture.aConfirmedUser("jane@example.com");

        LogInUseCase.Result result = fixture.core.logIn().logIn(new LogInUseCase.Command(" JANE@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()));

        assertThat(result.user().email().value()).isEqualTo("jane@example.com");
        assertThat(result.tokens().refreshToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(fixture.core.authenticate().authenticate(result.tokens().accessToken()).userId())
                .isEqualTo(result.user().id());
        assertThat(result.tokens().accessTokenExpiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void wrongPasswordUnknownEmailAndGarbageAreTheSameFailure() {
        fixture.aConfirmedUser("jane@example.com");

        for (LogInUseCase.Command attempt : List.of(new LogInUseCase.Command("jane@example.com", "wrong password", ClientAddress.unknown()),
                new LogInUseCase.Command("ghost@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()),
                new LogInUseCase.Command("not an email", CoreFixture.PASSWORD, ClientAddress.unknown()),
                new LogInUseCase.Command(null, null, ClientAddress.unknown()),
                new LogInUseCase.Command("jane@example.com", "x".repeat(5000), ClientAddress.unknown()))) {
            assertThatThrownBy(() -> fixture.core.logIn().logIn(attempt))
                    .isInstanceOf(InvalidCredentialsException.class)
                    .hasMessage("The email or password is incorrect.");
        }
    }

    @Test
    void anUnconfirmedUserWithTheRightPasswordIsToldToConfirm() {
        fixture.core.register().register(RegisterUserUseCase.Command.of("new@example.com", CoreFixture.PASSWORD,
                null, null, null, ClientAddress.unknown()));

        assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("new@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()))).isInstanceOf(EmailNotConfirmedException.class);
        assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("new@example.com",
                "wrong password", ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void eachRefreshRotatesTheToken() {
        String first = fixture.aSignedInUser("rotate@example.com").tokens().refreshToken();

        TokenPair second = refresh(fixture, first);
        fixture.clock.advance(Duration.ofMinutes(1));
        TokenPair third = refresh(fixture, second.refreshToken());

        assertThat(second.refreshToken()).isNotEqualTo(first);
        assertThat(third.refreshToken()).isNotEqualTo(second.refreshToken()).isNotEqualTo(first);
        assertThat(fixture.core.authenticate().authenticate(third.accessToken()).email()).isEqualTo("rotate@example.com");
    }

    @Test
    void insideTheGraceWindowASecondUseGetsTheSameSuccessor() {
        String first = fixture.aSignedInUser("tabs@example.com").tokens().refreshToken();

        TokenPair tabOne = refresh(fixture, first);
        fixture.clock.advance(Duration.ofSeconds(9));
        TokenPair tabTwo = refresh(fixture, first);

        assertThat(tabTwo.refreshToken()).isEqualTo(tabOne.refreshToken());
        assertThat(refresh(fixture, tabTwo.refreshToken()).refreshToken()).isNotEqualTo(tabOne.refreshToken());
    }

    @Test
    void reuseAfterTheGraceWindowRevokesTheWholeFamily() {
        String stolen = fixture.aSignedInUser("theft@example.com").tokens().refreshToken();
        String victims = refresh(fixture, stolen).refreshToken();
        fixture.clock.advance(Duration.ofSeconds(11));

        assertThatThrownBy(() -> refresh(fixture, stolen)).isInstanceOf(InvalidRefreshTokenException.class);
        assertThatThrownBy(() -> refresh(fixture, victims)).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void withAZeroGraceAnyReuseRevokesTheFamily() {
        CoreFixture strict = new CoreFixture(CoreSettings.defaults().withRefreshReuseGrace(Duration.ZERO));
        String first = strict.aSignedInUser("strict@example.com").tokens().refreshToken();
        String second = refresh(strict, first).refreshToken();

        assertThatThrownBy(() -> refresh(strict, first)).isInstanceOf(InvalidRefreshTokenException.class);
        assertThatThrownBy(() -> refresh(strict, second)).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void otherSessionsOfTheUserSurviveTheRevocationOfOneFamily() {
        String laptop = fixture.aSignedInUser("two@example.com").tokens().refreshToken();
        String phone = fixture.core.logIn().logIn(new LogInUseCase.Command("two@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))
                .tokens().refreshToken();

        fixture.core.logOut().logOut(new LogOutUseCase.Command(laptop, ClientAddress.unknown()));

        assertThatThrownBy(() -> refresh(fixture, laptop)).isInstanceOf(InvalidRefreshTokenException.class);
        assertThat(refresh(fixture, phone).refreshToken()).isNotBlank();
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        String token = fixture.aSignedInUser("old@example.com").tokens().refreshToken();
        fixture.clock.advance(Duration.ofDays(30).plusSeconds(1));

        assertThatThrownBy(() -> refresh(fixture, token)).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void unknownAndMalformedTokensAreRefused() {
        for (String token : new String[] {null, "", "unknown", "x".repeat(10_000)}) {
            assertThatThrownBy(() -> refresh(fixture, token)).isInstanceOf(InvalidRefreshTokenException.class);
        }
        fixture.core.logOut().logOut(new LogOutUseCase.Command("unknown", ClientAddress.unknown()));
    }
}
