package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.MintPortalTokenUseCase;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A portal-capable token signs its user into the portal once: a replay is refused and audited as
 * denied; a redemption of a token an administrator minted on the user's behalf is audited under the
 * administrator and says so, one of the user's own token under the user, without detail.
 */
class RedeemPortalTokenServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.77");

    private final CoreFixture fixture = new CoreFixture();
    private final User admin = fixture.aConfirmedUser("admin@example.com");
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    RedeemPortalTokenServiceTest() {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN, true,
                ClientAddress.unknown()));
    }

    private PortalLogin redeem(String token) {
        return fixture.core.redeemPortalToken().redeem(new RedeemPortalTokenUseCase.Command(token, ADDRESS));
    }

    private List<AuditEvent> redemptions() {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.PORTAL_TOKEN_REDEEMED.storedForm())).toList();
    }

    private String ownToken() {
        return fixture.core.mintPortalToken().mint(new MintPortalTokenUseCase.Command(Caller.user(ann.id()),
                ann.credentialEpoch(), null, ClientAddress.unknown())).token();
    }

    @Test
    void aTokenIsRedeemedOnceAndTheReplayIsRefusedAndAudited() {
        String token = ownToken();
        redeem(token);

        assertThatThrownBy(() -> redeem(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("This sign-in link has already been used.");

        assertThat(redemptions()).extracting(AuditEvent::outcome, AuditEvent::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Outcome.DENIED.storedForm(), "already used"),
                org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS.storedForm(), null));
    }

    @Test
    void theUsersOwnTokenSignsThemInUnderTheirOwnName() {
        PortalLogin login = redeem(ownToken());

        assertThat(login.user().id()).isEqualTo(ann.id());
        AuditEvent event = redemptions().get(0);
        assertThat(event.actorId()).isEqualTo(ann.id());
        assertThat(event.subjectId()).isEqualTo(ann.id());
        assertThat(event.detail()).isNull();
        assertThat(event.clientAddress()).isEqualTo("192.0.2.77");
    }

    @Test
    void aTokenMintedOnTheUsersBehalfIsAuditedUnderTheAdministrator() {
        String token = fixture.core.impersonate().impersonate(new ImpersonateUseCase.Command(Caller.user(admin.id()),
                ann.id(), 5, ClientAddress.unknown())).token();

        PortalLogin login = redeem(token);

        assertThat(login.user().id()).isEqualTo(ann.id());
        AuditEvent event = redemptions().get(0);
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(event.actorId()).isEqualTo(admin.id());
        assertThat(event.subjectId()).isEqualTo(ann.id());
        assertThat(event.detail()).isEqualTo("minted on the user's behalf");
    }
}
