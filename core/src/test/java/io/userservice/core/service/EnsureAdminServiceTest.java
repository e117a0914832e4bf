package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.DirectoryWrapper;
import io.userservice.core.MutableClock;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.EnsureAdminUseCase;
import io.userservice.core.settings.CoreSettings;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The first administrator: created only with a password the policy accepts, never granted to a
 * user who already exists (whether they existed before or were registered by someone else while
 * the administrator was being created), and created confirmed with role {@code admin}.
 */
class EnsureAdminServiceTest {

    private static final String ADMIN_PASSWORD = "first admin password";

    private final CoreFixture fixture = new CoreFixture();

    private User ensure(String email, String password) {
        return fixture.core.ensureAdmin().ensure(new EnsureAdminUseCase.Command(Email.of(email), password));
    }

    @Test
    void aPasswordThePolicyRefusesCreatesNoOne() {
        assertThatThrownBy(() -> ensure("root@example.com", "short")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least");

        assertThat(fixture.core.lookUpUser().byEmail("root@example.com")).isEmpty();
    }

    @Test
    void anExistingUserIsReturnedAsTheyAreAndGainsNoRole() {
        User ann = fixture.aConfirmedUser("ann@example.com");

        User returned = ensure("ann@example.com", ADMIN_PASSWORD);

        assertThat(returned.id()).isEqualTo(ann.id());
        assertThat(returned.roles()).isEmpty();
        assertThat(fixture.core.getUser().get(ann.id()).roles()).isEmpty();
    }

    @Test
    void aNewAdministratorIsConfirmedAndHoldsRoleAdmin() {
        User created = ensure("root@example.com", ADMIN_PASSWORD);

        assertThat(created).isNotNull();
        assertThat(created.confirmed()).isTrue();
        assertThat(created.roles()).containsExactly(Role.ADMIN);
        assertThat(fixture.core.lookUpUser().byEmail("root@example.com").orElseThrow().id())
                .isEqualTo(created.id());
    }

    @Test
    void aUserRegisteredMeanwhileUnderTheSameEmailIsReturnedAndNotMadeAnAdministrator() {
        UserServiceCore racing = UserServiceCore.builder(CoreSettings.defaults(),
                hasher -> new RegisteredMeanwhile(new InMemoryUserDirectory(hasher)), InMemoryServiceState.create(),
                new RecordingUserNotifier()).clock(MutableClock.atSomeMoment()).bcryptCost(4).build();

        User returned = racing.ensureAdmin().ensure(new EnsureAdminUseCase.Command(Email.of("root@example.com"),
                ADMIN_PASSWORD));

        assertThat(returned).isNotNull();
        assertThat(returned.email()).isEqualTo(Email.of("root@example.com"));
        assertThat(returned.firstname()).isEqualTo("Rival");
        assertThat(returned.roles()).isEmpty();
    }

    /** A directory where someone else registers the same email just before each registration. */
    private static final class RegisteredMeanwhile extends DirectoryWrapper {

        RegisteredMeanwhile(InMemoryUserDirectory users) {
            super(users);
        }

        @Override
        public DirectoryUser register(NewDirectoryUser user) {
            users.register(new NewDirectoryUser(UUID.randomUUID(), user.email(), user.passwordHash(), "Rival", null,
                    user.language(), false, user.createdAt()));
            return users.register(user);
        }
    }
}
