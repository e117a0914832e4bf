package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.EnsureAdminUseCase;
import io.userservice.core.port.in.LogInUseCase;
import org.junit.jupiter.api.Test;

class EnsureAdminTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void createsAConfirmedAdminOnceAndNeverTouchesItAgain() {
        User created = fixture.core.ensureAdmin().ensure(
                new EnsureAdminUseCase.Command(Email.of("root@example.com"), "first admin password"));
        User again = fixture.core.ensureAdmin().ensure(
                new EnsureAdminUseCase.Command(Email.of("root@example.com"), "a different password"));

        assertThat(created.confirmed()).isTrue();
        assertThat(created.roles()).containsExactly(Role.ADMIN);
        assertThat(again.id()).isEqualTo(created.id());
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("root@example.com", "first admin password", ClientAddress.unknown()))
                .user().roles()).contains(Role.ADMIN);
    }
}
