package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AccessTokenClaims;
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
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;
import io.userservice.core.port.in.ListAuditEventsUseCase;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may mint a token on another's behalf and change roles, seen through the use cases: a lower
 * role never reaches a higher one, an impersonation token never administers, and every refusal
 * and success is audited under the person really acting.
 */
class AdministrationRulesTest {

    private static final Role SUPPORT = new Role("support");

    private final CoreFixture fixture = new CoreFixture(
            io.userservice.core.settings.CoreSettings.defaults().withPortalTokenMaxLifetime(Duration.ofMinutes(30)));
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User editor = fixture.aConfirmedUser("editor@example.com");
    private final User member = fixture.aConfirmedUser("member@example.com");

    AdministrationRulesTest() {
        operatorGrants(admin, Role.ADMIN);
        operatorGrants(editor, Role.USER_EDIT);
    }

    private User operatorGrants(User user, Role role) {
        return fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), user.id(), role, true,
                ClientAddress.unknown()));
    }

    private IssuedToken impersonate(Caller caller, long target, Integer minutes) {
        return fixture.core.impersonate().impersonate(new ImpersonateUseCase.Command(caller, target, minutes,
                ClientAddress.of("192.0.2.7")));
    }

    private List<AuditEvent> audited(String action) {
        return fixture.core.auditEvents().list(new ListAuditEventsUseCase.Command(Caller.user(admin.id()), null, 100))
                .stream().map(AuditEntry::event).filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void noOneImpersonatesSomeoneWhoMayImpersonate() {
        User otherAdmin = operatorGrants(fixture.aConfirmedUser("other-admin@example.com"), Role.ADMIN);

        assertThatThrownBy(() -> impersonate(Caller.user(editor.id()), admin.id(), null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> impersonate(Caller.user(admin.id()), editor.id(), null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> impersonate(Caller.user(admin.id()), otherAdmin.id(), null))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("This user holds roles you may not act with, so you cannot mint a token for them.");

        List<AuditEvent> denied = audited(AuditAction.IMPERSONATION.storedForm());
        assertThat(denied).hasSize(3).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
        });
        assertThat(denied).extracting(AuditEvent::detail)
                .containsOnly("target holds roles the caller may not act with");
    }

    @Test
    void noOneImpersonatesSomeoneHoldingARoleTheyLack() {
        User supporter = operatorGrants(member, SUPPORT);

        assertThatThrownBy(() -> impersonate(Caller.user(editor.id()), supporter.id(), null))
                .isInstanceOf(AccessDeniedException.class);

        operatorGrants(editor, SUPPORT);
        AccessTokenClaims claims = fixture.core.authenticate().authenticate(
                impersonate(Caller.user(editor.id()), supporter.id(), null).token());
        assertThat(claims.userId()).isEqualTo(member.id());
        assertThat(claims.actorId()).isEqualTo(editor.id());
    }

    @Test
    void anAdministratorMayMintATokenForThemselves() {
        AccessTokenClaims claims = fixture.core.authenticate().authenticate(
                impersonate(Caller.user(admin.id()), admin.id(), 5).token());

        assertThat(claims.userId()).isEqualTo(admin.id());
        assertThat(claims.actorId()).isEqualTo(admin.id());
    }

    @Test
    void theOperatorAndPlainUsersCannotMintTokens() {
        assertThatThrownBy(() -> impersonate(Caller.operator(), member.id(), null))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("Minting a token for another user needs role admin or user-edit.");
        assertThatThrownBy(() -> impersonate(Caller.user(member.id()), member.id(), null))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("Minting a token for another user needs role admin or user-edit.");

        List<AuditEvent> denied = audited(AuditAction.IMPERSONATION.storedForm());
        assertThat(denied).hasSize(2).extracting(AuditEvent::detail).containsOnly("caller lacks the role");
        assertThat(denied).extracting(AuditEvent::actorId).containsExactlyInAnyOrder(null, member.id());
        assertThat(denied).extracting(AuditEvent::subjectId).containsOnly(member.id());
    }

    @Test
    void anImpersonationTokenMintsNothingAndTheRefusalNamesTheRealActor() {
        Caller viaToken = new Caller(member.id(), admin.id());

        assertThatThrownBy(() -> impersonate(viaToken, member.id(), null)).isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot mint further tokens.");

        AuditEvent denied = audited(AuditAction.IMPERSONATION.storedForm()).get(0);
        assertThat(denied.actorId()).isEqualTo(admin.id());
        assertThat(denied.subjectId()).isEqualTo(member.id());
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.detail()).isEqualTo("caller used an impersonation token");
    }

    @Test
    void aCallerWhoNoLongerExistsMintsNothing() {
        User gone = operatorGrants(fixture.aConfirmedUser("gone@example.com"), Role.USER_EDIT);
        fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(Caller.user(gone.id()), gone.id(),
                CoreFixture.PASSWORD, ClientAddress.unknown()));

        assertThatThrownBy(() -> impersonate(Caller.user(gone.id()), member.id(), null))
                .isInstanceOf(AccessDeniedException.class).hasMessage("The caller no longer exists.");
    }

    @Test
    void aDeactivatedUserCannotBeImpersonated() {
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), member.id(), false,
                ClientAddress.unknown()));

        assertThatThrownBy(() -> impersonate(Caller.user(admin.id()), member.id(), null))
                .isInstanceOf(AccessDeniedException.class).hasMessage("The user is deactivated.");
        assertThatThrownBy(() -> impersonate(Caller.user(admin.id()), 9999, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theValidityIsShortenedToTheLongestAllowedAndAudited() {
        IssuedToken asked = impersonate(Caller.user(admin.id()), member.id(), 29);
        IssuedToken longest = impersonate(Caller.user(admin.id()), member.id(), 30);
        IssuedToken tooLong = impersonate(Caller.user(admin.id()), member.id(), 31);

        assertThat(asked.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(29)));
        assertThat(longest.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(tooLong.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(fixture.core.authenticate().authenticate(tooLong.token()).expiresAt())
                .isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS));

        List<AuditEvent> minted = audited(AuditAction.IMPERSONATION.storedForm());
        assertThat(minted).extracting(AuditEvent::detail)
                .containsExactlyInAnyOrder("valid for 1740 s", "valid for 1800 s", "valid for 1800 s");
        assertThat(minted).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.subjectId()).isEqualTo(member.id());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
        });
    }

    @Test
    void theShorterOfTwoDurationsIsEitherWhenTheyAreEqual() {
        assertThat(ImpersonateService.shorter(Duration.ofMinutes(1), Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(1));
        assertThat(ImpersonateService.shorter(Duration.ofMinutes(3), Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(ImpersonateService.shorter(Duration.ofMinutes(2), Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anImpersonationTokenNeverAdministers() {
        Caller viaToken = new Caller(admin.id(), admin.id() + 1);

        assertThatThrownBy(() -> fixture.core.changeRole().change(new ChangeRoleUseCase.Command(viaToken, member.id(),
                Role.USER_EDIT, true, ClientAddress.of("192.0.2.8")))).isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot be used for administration.");

        AuditEvent denied = audited(AuditAction.ROLE_GRANTED.storedForm()).stream()
                .filter(e -> e.outcome().equals(Outcome.DENIED.storedForm())).findFirst().orElseThrow();
        assertThat(denied.actorId()).isEqualTo(admin.id() + 1);
        assertThat(denied.subjectId()).isEqualTo(member.id());
        assertThat(denied.clientAddress()).isEqualTo("192.0.2.8");
        assertThat(denied.detail()).isEqualTo("caller used an impersonation token");
        assertThat(fixture.core.getUser().get(member.id()).roles()).isEmpty();
    }

    @Test
    void aUserEditorCannotChangeRolesAndTheRefusalIsAudited() {
        assertThatThrownBy(() -> fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(editor.id()),
                editor.id(), Role.ADMIN, true, ClientAddress.unknown()))).isInstanceOf(AccessDeniedException.class)
                .hasMessage("Changing roles needs role admin.");
        assertThatThrownBy(() -> fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(9999),
                member.id(), Role.ADMIN, true, ClientAddress.unknown()))).isInstanceOf(AccessDeniedException.class);

        List<AuditEvent> denied = audited(AuditAction.ROLE_GRANTED.storedForm()).stream()
                .filter(e -> e.outcome().equals(Outcome.DENIED.storedForm())).toList();
        assertThat(denied).extracting(AuditEvent::actorId).containsExactlyInAnyOrder(editor.id(), 9999L);
        assertThat(denied).extracting(AuditEvent::detail).containsOnly("admin");
        assertThat(fixture.core.getUser().get(editor.id()).roles()).containsExactly(Role.USER_EDIT);
    }

    @Test
    void grantsAndRevocationsAreAuditedUnderTheActor() {
        User granted = fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(admin.id()),
                member.id(), SUPPORT, true, ClientAddress.of("192.0.2.9")));
        User grantedAgain = fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(admin.id()),
                member.id(), SUPPORT, true, ClientAddress.of("192.0.2.9")));
        User revoked = fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(admin.id()),
                member.id(), SUPPORT, false, ClientAddress.of("192.0.2.9")));

        assertThat(granted.roles()).containsExactly(SUPPORT);
        assertThat(grantedAgain.roles()).containsExactly(SUPPORT);
        assertThat(revoked.roles()).isEmpty();
        List<AuditEvent> grants = audited(AuditAction.ROLE_GRANTED.storedForm()).stream()
                .filter(e -> e.subjectId() != null && e.subjectId() == member.id()).toList();
        assertThat(grants).hasSize(2).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.detail()).isEqualTo("support");
            assertThat(e.clientAddress()).isEqualTo("192.0.2.9");
        });
        assertThat(audited(AuditAction.ROLE_REVOKED.storedForm())).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm()));
    }

    @Test
    void revokingARoleTheUserDoesNotHoldChangesNothing() {
        User unchanged = fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(admin.id()),
                member.id(), SUPPORT, false, ClientAddress.unknown()));

        assertThat(unchanged.roles()).isEmpty();
    }

    @Test
    void theOperatorMayRevokeAnAdministratorsAdminRole() {
        User revoked = fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(),
                Role.ADMIN, false, ClientAddress.unknown()));

        assertThat(revoked.roles()).doesNotContain(Role.ADMIN);
    }

    @Test
    void anAdministratorMayRevokeAnotherAdministratorsAdminRole() {
        User other = operatorGrants(fixture.aConfirmedUser("other@example.com"), Role.ADMIN);

        User revoked = fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.user(admin.id()),
                other.id(), Role.ADMIN, false, ClientAddress.unknown()));

        assertThat(revoked.roles()).isEmpty();
        assertThat(Administrators.isSelf(Caller.operator(), admin.id())).isFalse();
        assertThat(Administrators.isSelf(Caller.user(admin.id()), admin.id())).isTrue();
        assertThat(Administrators.isSelf(Caller.user(admin.id()), other.id())).isFalse();
    }
}
