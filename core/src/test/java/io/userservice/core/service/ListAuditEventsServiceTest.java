package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.ListAuditEventsUseCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit trail is read only by an administrator with their own credential: not by the operator
 * through this use case, a plain user, a user who no longer exists or a token minted on an
 * administrator's behalf. A page holds 1 to 200 events, and its cursor is the id of an event.
 */
class ListAuditEventsServiceTest {

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    ListAuditEventsServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), ann.id(), Role.USER_EDIT,
                true, ClientAddress.unknown()));
    }

    private List<AuditEntry> list(Caller caller, Long beforeId, int limit) {
        return fixture.core.auditEvents().list(new ListAuditEventsUseCase.Command(caller, beforeId, limit));
    }

    @Test
    void aPlainUserOrAUserEditorReadsNothing() {
        assertThatThrownBy(() -> list(Caller.user(ann.id()), null, 10)).isInstanceOf(AccessDeniedException.class)
                .hasMessage("Reading the audit trail needs role admin.");
    }

    @Test
    void aTokenMintedOnAnAdministratorsBehalfReadsNothing() {
        assertThatThrownBy(() -> list(new Caller(admin.id(), ann.id()), null, 10))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theOperatorReadsNothingThroughThisUseCase() {
        assertThatThrownBy(() -> list(Caller.operator(), null, 10)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aUserWhoNoLongerExistsReadsNothing() {
        assertThatThrownBy(() -> list(Caller.user(admin.id() + ann.id() + 100), null, 10))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aPageHoldsAtLeastOneEvent() {
        assertThatThrownBy(() -> list(Caller.user(admin.id()), null, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("limit must be between 1 and 200.");
        assertThat(list(Caller.user(admin.id()), null, 1)).hasSize(1);
    }

    @Test
    void aPageHoldsAtMostTwoHundredEvents() {
        int all = fixture.state.auditLog().newest(null, 1000).size();

        assertThat(list(Caller.user(admin.id()), null, 200)).hasSize(Math.min(all, 200));
        assertThatThrownBy(() -> list(Caller.user(admin.id()), null, 201)).isInstanceOf(InvalidInputException.class)
                .hasMessage("limit must be between 1 and 200.");
    }

    @Test
    void theCursorIsTheIdOfAnEvent() {
        assertThatThrownBy(() -> list(Caller.user(admin.id()), 0L, 10)).isInstanceOf(InvalidInputException.class)
                .hasMessage("before must be the id of an event.");
        assertThatThrownBy(() -> list(Caller.user(admin.id()), -5L, 10)).isInstanceOf(InvalidInputException.class);
        assertThat(list(Caller.user(admin.id()), 1L, 10)).as("nothing is older than the first event").isEmpty();
    }

    @Test
    void thePagesFollowEachOtherNewestFirst() {
        List<AuditEntry> all = fixture.state.auditLog().newest(null, 1000);

        List<AuditEntry> first = list(Caller.user(admin.id()), null, 1);
        List<AuditEntry> second = list(Caller.user(admin.id()), first.get(0).id(), 200);

        assertThat(first.get(0).id()).isEqualTo(all.get(0).id());
        assertThat(second).extracting(AuditEntry::id)
                .containsExactlyElementsOf(all.subList(1, all.size()).stream().map(AuditEntry::id).toList());
    }
}
