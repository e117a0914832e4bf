package io.userservice.core.service;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.port.in.UserExistsUseCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.Attributes;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.LimitExceededException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserProfile;
import io.userservice.core.domain.MailKind;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.DeleteAttributeUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.SetAttributeUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountTest {

    private final CoreFixture fixture = new CoreFixture();

    private String resetCodeFor(String email) {
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(email, ClientAddress.unknown()));
        return fixture.lastCode(MailKind.PASSWORD_RESET, email).orElseThrow();
    }

    private User complete(String code, String password) {
        return fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(code, password, ClientAddress.unknown()));
    }

    @Test
    void aResetSetsTheNewPasswordAndEndsEverySession() {
        String refresh = fixture.aSignedInUser("reset@example.com").tokens().refreshToken();

        complete(resetCodeFor("reset@example.com"), "a brand new password");

        assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("reset@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("reset@example.com", "a brand new password", ClientAddress.unknown()))
                .user().email().value()).isEqualTo("reset@example.com");
        assertThatThrownBy(() -> fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(refresh, ClientAddress.unknown())))
                .isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void aRejectedNewPasswordLeavesTheCodeUsable() {
        fixture.aConfirmedUser("retry@example.com");
        String code = resetCodeFor("retry@example.com");

        assertThatThrownBy(() -> complete(code, "short")).isInstanceOf(InvalidInputException.class);
        assertThat(complete(code, "long enough now").email().value()).isEqualTo("retry@example.com");
        assertThatThrownBy(() -> complete(code, "and once more")).isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void aNewerResetCodeInvalidatesOlderOnesWhenUsed() {
        fixture.aConfirmedUser("codes@example.com");
        String older = resetCodeFor("codes@example.com");
        String newer = resetCodeFor("codes@example.com");

        complete(newer, "long enough now");

        assertThatThrownBy(() -> complete(older, "another password")).isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void resetCodesExpire() {
        fixture.aConfirmedUser("slow@example.com");
        String code = resetCodeFor("slow@example.com");
        fixture.clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThatThrownBy(() -> complete(code, "long enough now")).isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void aResetAlsoConfirmsTheEmail() {
        fixture.core.register().register(RegisterUserUseCase.Command.of("lost@example.com", CoreFixture.PASSWORD,
                null, null, null, ClientAddress.unknown()));

        User user = complete(resetCodeFor("lost@example.com"), "long enough now");

        assertThat(user.confirmed()).isTrue();
    }

    @Test
    void unknownEmailsGetNoMailAndNoError() {
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ghost@example.com", ClientAddress.unknown()));
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("not an email", ClientAddress.unknown()));
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command(null, ClientAddress.unknown()));

        assertThat(fixture.sent()).isEmpty();
    }

    @Test
    void namesAreReplacedTogether() {
        User user = fixture.aConfirmedUser("names@example.com");

        fixture.core.updateName().updateName(new UpdateNameUseCase.Command(user.id(), "Barney", "Fife"));
        UserProfile profile = fixture.core.updateName().updateName(new UpdateNameUseCase.Command(user.id(), "Andy", null));

        assertThat(profile.user().firstname()).isEqualTo("Andy");
        assertThat(profile.user().lastname()).isNull();
    }

    @Test
    void attributesAreSetReplacedAndDeleted() {
        long id = fixture.aConfirmedUser("attrs@example.com").id();

        fixture.core.setAttribute().set(new SetAttributeUseCase.Command(id, "b", "1"));
        fixture.core.setAttribute().set(new SetAttributeUseCase.Command(id, "a", "2"));
        UserProfile replaced = fixture.core.setAttribute().set(new SetAttributeUseCase.Command(id, "b", "3"));

        assertThat(replaced.attributes()).containsExactly(java.util.Map.entry("a", "2"), java.util.Map.entry("b", "3"));
        assertThat(fixture.core.listAttributes().list(id)).containsOnlyKeys("a", "b");
        assertThat(fixture.core.deleteAttribute().delete(new DeleteAttributeUseCase.Command(id, "a")).attributes())
                .containsOnlyKeys("b");
        assertThatThrownBy(() -> fixture.core.deleteAttribute().delete(new DeleteAttributeUseCase.Command(id, "a")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theNumberOfAttributesIsBounded() {
        long id = fixture.aConfirmedUser("many@example.com").id();
        for (int i = 0; i < Attributes.MAX_PER_USER; i++) {
            fixture.core.setAttribute().set(new SetAttributeUseCase.Command(id, "k" + i, "v"));
        }

        assertThatThrownBy(() -> fixture.core.setAttribute().set(new SetAttributeUseCase.Command(id, "one more", "v")))
                .isInstanceOf(LimitExceededException.class);
        assertThat(fixture.core.setAttribute().set(new SetAttributeUseCase.Command(id, "k0", "replaced"))
                .attributes().get("k0")).isEqualTo("replaced");
    }

    @Test
    void existsComparesTheCanonicalEmail() {
        fixture.aConfirmedUser("here@example.com");

        assertThat(fixture.core.userExists().exists(new UserExistsUseCase.Command(" HERE@Example.com", ClientAddress.unknown()))).isTrue();
        assertThat(fixture.core.userExists().exists(new UserExistsUseCase.Command("gone@example.com", ClientAddress.unknown()))).isFalse();
        assertThat(fixture.core.userExists().exists(new UserExistsUseCase.Command("not an email", ClientAddress.unknown()))).isFalse();
    }
}
