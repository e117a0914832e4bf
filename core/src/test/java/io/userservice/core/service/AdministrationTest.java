package io.userservice.core.service;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.ListAuditEventsUseCase;
import io.userservice.core.domain.Caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AccessTokenClaims;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdministrationTest {

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User member = fixture.aConfirmedUser("member@example.com");

    private User grant(Long callerId, long target, Role role) {
        return fixture.core.changeRole().change(new ChangeRoleUseCase.Command(
                callerId == null ? Caller.operator() : Caller.user(callerId), target, role, true, ClientAddress.of("10.0.0.1")));
    }

    private String impersonate(long callerId, boolean viaImpersonation, long target) {
        return fixture.core.impersonate().impersonate(
                new ImpersonateUseCase.Command(new Caller(callerId, viaImpersonation ? callerId + 1000 : null), target,
                        10, ClientAddress.of("10.0.0.2"))).token();
    }

    @Test
    void anAdminOrUserEditorMintsATokenThatNamesThemAsActor() {
        grant(null, admin.id(), Role.ADMIN);
        User editor = grant(admin.id(), fixture.aConfirmedUser("editor@example.com").id(), Role.USER_EDIT);

        AccessTokenClaims byAdmin = fixture.core.authenticate().authenticate(impersonate(admin.id(), false, member.id()));
        AccessTokenClaims byEditor = fixture.core.authenticate().authenticate(impersonate(editor.id(), false, member.id()));

        assertThat(byAdmin.userId()).isEqualTo(member.id());
        assertThat(byAdmin.actorId()).isEqualTo(admin.id());
        assertThat(byAdmin.isImpersonation()).isTrue();
        assertThat(byAdmin.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(10))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(byEditor.actorId()).isEqualTo(editor.id());
    }

    @Test
    void withoutTheRoleOrWithAnImpersonationTokenItIsDeniedAndAudited() {
        grant(null, admin.id(), Role.ADMIN);

        assertThatThrownBy(() -> impersonate(member.id(), false, admin.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> impersonate(admin.id(), true, member.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> impersonate(admin.id(), false, 9999)).isInstanceOf(NotFoundException.class);

        List<AuditEvent> events = fixture.core.auditEvents().list(new ListAuditEventsUseCase.Command(Caller.user(admin.id()), null, 10)).stream()
                .map(AuditEntry::event).toList();
        assertThat(events).filteredOn(e -> e.action().equals("impersonation") && e.outcome().equals(Outcome.DENIED.storedForm()))
                .hasSize(2)
                .allMatch(e -> "10.0.0.2".equals(e.clientAddress()));
    }

    @Test
    void rolesAreChangedOnlyByAdminsAndNeverLockTheLastOneOut() {
        grant(null, admin.id(), Role.ADMIN);

        assertThatThrownBy(() -> grant(member.id(), member.id(), Role.ADMIN)).isInstanceOf(AccessDeniedException.class);
        assertThat(grant(admin.id(), member.id(), Role.USER_EDIT).roles()).containsExactly(Role.USER_EDIT);
        assertThat(fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(admin.id()), member.id(),
                Role.USER_EDIT, false, ClientAddress.unknown())).roles()).isEmpty();
        assertThatThrownBy(() -> fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(admin.id()), admin.id(),
                Role.ADMIN, false, ClientAddress.unknown()))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> grant(admin.id(), 9999, Role.USER_EDIT)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theAuditTrailPagesNewestFirstForAdminsOnly() {
        grant(null, admin.id(), Role.ADMIN);
        grant(admin.id(), member.id(), Role.USER_EDIT);
        assertThatThrownBy(() -> impersonate(member.id(), false, admin.id())).isInstanceOf(AccessDeniedException.class);

        List<AuditEntry> firstPage = fixture.core.auditEvents().list(new ListAuditEventsUseCase.Command(Caller.user(admin.id()), null, 2));
        List<AuditEntry> secondPage = fixture.core.auditEvents().list(new ListAuditEventsUseCase.Command(Caller.user(admin.id()), firstPage.get(1).id(), 2));

        assertThat(firstPage).extracting(e -> e.event().action()).containsExactly("impersonation", "role granted");
        assertThat(secondPage.get(0).event().action()).isEqualTo("role granted");
        assertThat(secondPage.get(0).event().actorId()).isNull();
        assertThat(secondPage.get(0).id()).isLessThan(firstPage.get(1).id());
        assertThatThrownBy(() -> fixture.core.auditEvents().list(new ListAuditEventsUseCase.Command(Caller.user(member.id()), null, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixture.core.auditEvents().list(new ListAuditEventsUseCase.Command(Caller.user(admin.id()), null, 1000)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fixture.core.auditEvents().list(new ListAuditEventsUseCase.Command(Caller.user(admin.id()), 0L, 10)))
                .isInstanceOf(InvalidInputException.class);
    }
}
