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
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.GetUserDetailsUseCase.UserDetails;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.SetAttributeUseCase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user's details (the user, their attributes, their last successful sign-in) are for
 * administrators and the operator only: another plain user is refused and the refusal audited;
 * an unknown id is not found.
 */
class GetUserDetailsServiceTest {

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    GetUserDetailsServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
    }

    @Test
    void anotherPlainUserReadsNoDetailsAndTheRefusalIsAudited() {
        assertThatThrownBy(() -> fixture.core.userDetails().details(Caller.user(bob.id()), ann.id()))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Reading users needs role admin.");

        AuditEvent denied = fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.USERS_SEARCHED.storedForm())).findFirst().orElseThrow();
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.actorId()).isEqualTo(bob.id());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
    }

    @Test
    void anAdministratorReadsAnUnknownIdAsNotFound() {
        assertThatThrownBy(() -> fixture.core.userDetails().details(Caller.user(admin.id()), bob.id() + 100))
                .isInstanceOf(NotFoundException.class).hasMessage("There is no user with this id.");
    }

    @Test
    void anAdministratorReadsTheUserTheirAttributesAndLastSignIn() {
        fixture.core.setAttribute().set(new SetAttributeUseCase.Command(ann.id(), "team", "blue"));
        fixture.clock.advance(Duration.ofMinutes(5));
        Instant signedInAt = fixture.clock.instant();
        fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com", CoreFixture.PASSWORD,
                ClientAddress.unknown()));

        UserDetails details = fixture.core.userDetails().details(Caller.user(admin.id()), ann.id());

        assertThat(details.user().id()).isEqualTo(ann.id());
        assertThat(details.attributes()).isEqualTo(Map.of("team", "blue"));
        assertThat(details.lastSignInAt()).isEqualTo(signedInAt);
        assertThat(fixture.core.userDetails().details(Caller.operator(), bob.id()).lastSignInAt()).isNull();
    }
}
