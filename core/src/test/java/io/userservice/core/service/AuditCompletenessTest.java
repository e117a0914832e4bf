package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.Role;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.LogOutUseCase;
import io.userservice.core.port.in.MintPortalTokenUseCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sign-outs, portal sign-in links and the tokens {@code /user/me} mints are in the audit trail. */
class AuditCompletenessTest {

    private final CoreFixture fixture = new CoreFixture();

    private List<AuditEvent> events(String action) {
        return fixture.state.auditLog().newest(null, 200).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void aSignOutIsAuditedForItsUser() {
        LogInUseCase.Result session = fixture.aSignedInUser("ada@example.com");

        fixture.core.logOut().logOut(new LogOutUseCase.Command(session.tokens().refreshToken(), ClientAddress.of("198.51.100.4")));

        assertThat(events(AuditAction.LOGOUT.storedForm())).singleElement().satisfies(e -> {
            assertThat(e.subjectId()).isEqualTo(session.user().id());
            assertThat(e.clientAddress()).isEqualTo("198.51.100.4");
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        });
    }

    @Test
    void aRedeemedPortalLinkIsAuditedAndItsReplayToo() {
        long id = fixture.aConfirmedUser("ada@example.com").id();
        String link = fixture.core.issuePortalToken().issue(new IssuePortalTokenUseCase.Command("ada@example.com",
                CoreFixture.PASSWORD, 5, ClientAddress.unknown())).token();

        fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(link, ClientAddress.of("198.51.100.5")));
        try {
            fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(link, ClientAddress.of("198.51.100.6")));
        } catch (RuntimeException replayRefused) {
            // the replay is what is audited here
        }

        assertThat(events(AuditAction.PORTAL_TOKEN_REDEEMED.storedForm())).extracting(AuditEvent::outcome, AuditEvent::subjectId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.DENIED.storedForm(), id),
                        org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS.storedForm(), id));
    }

    @Test
    void aRedeemedImpersonationLinkNamesItsRealActor() {
        long admin = fixture.aConfirmedUser("admin@example.com").id();
        long member = fixture.aConfirmedUser("member@example.com").id();
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin, Role.ADMIN, true, ClientAddress.unknown()));
        String link = fixture.core.impersonate().impersonate(new ImpersonateUseCase.Command(Caller.user(admin), member,
                5, ClientAddress.unknown())).token();

        fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(link, ClientAddress.unknown()));

        assertThat(events(AuditAction.PORTAL_TOKEN_REDEEMED.storedForm())).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(admin);
            assertThat(e.subjectId()).isEqualTo(member);
        });
    }

    @Test
    void aMintedPortalTokenIsAuditedAndARefusedMintToo() {
        LogInUseCase.Result session = fixture.aSignedInUser("ada@example.com");
        var claims = fixture.core.authenticate().authenticate(session.tokens().accessToken());

        fixture.core.mintPortalToken().mint(new MintPortalTokenUseCase.Command(Caller.of(claims), claims.epoch(),
                claims.expiresAt(), ClientAddress.of("198.51.100.7")));
        try {
            fixture.core.mintPortalToken().mint(new MintPortalTokenUseCase.Command(new Caller(claims.userId(), 999L),
                    claims.epoch(), claims.expiresAt(), ClientAddress.of("198.51.100.8")));
        } catch (RuntimeException refused) {
            // an impersonation token cannot mint
        }

        assertThat(events(AuditAction.PORTAL_TOKEN_MINTED.storedForm())).extracting(AuditEvent::outcome, AuditEvent::actorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.DENIED.storedForm(), 999L),
                        org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS.storedForm(), session.user().id()));
    }
}
