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
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase.IssuedToken;
import io.userservice.core.port.in.MintPortalTokenUseCase;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Minting a portal-capable token from a credential already presented: never for a token minted on
 * someone's behalf, never for a user who is gone, deactivated or at another credential epoch, never
 * from an expired credential; the new token lives no longer than the presented credential nor the
 * configured longest lifetime, carries the user's epoch, and every outcome is audited.
 */
class MintPortalTokenServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("198.51.100.4");

    private final CoreFixture fixture = new CoreFixture(
            CoreSettings.defaults().withPortalTokenMaxLifetime(Duration.ofMinutes(30)));
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    private IssuedToken mint(Caller caller, long epoch, Instant credentialExpiresAt) {
        return fixture.core.mintPortalToken().mint(new MintPortalTokenUseCase.Command(caller, epoch,
                credentialExpiresAt, ADDRESS));
    }

    private Instant now() {
        return fixture.clock.instant();
    }

    private List<AuditEvent> minted() {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(AuditAction.PORTAL_TOKEN_MINTED.storedForm())).toList();
    }

    @Test
    void aTokenMintedOnSomeonesBehalfMintsNothingAndTheRefusalNamesTheRealActor() {
        assertThatThrownBy(() -> mint(new Caller(ann.id(), bob.id()), ann.credentialEpoch(), null))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot mint further tokens.");

        AuditEvent denied = minted().get(0);
        assertThat(denied.actorId()).isEqualTo(bob.id());
        assertThat(denied.subjectId()).isEqualTo(ann.id());
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED.storedForm());
        assertThat(denied.detail()).isEqualTo("caller used an impersonation token");
        assertThat(denied.clientAddress()).isEqualTo("198.51.100.4");
    }

    @Test
    void aCredentialOfAnotherEpochMintsNothing() {
        assertThatThrownBy(() -> mint(Caller.user(ann.id()), ann.credentialEpoch() + 1, null))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("The credential no longer speaks for its user.");
        assertThat(minted()).isEmpty();
    }

    @Test
    void aDeactivatedUsersCredentialMintsNothing() {
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), ann.id(), false,
                ClientAddress.unknown()));

        assertThatThrownBy(() -> mint(Caller.user(ann.id()), ann.credentialEpoch(), null))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("The credential no longer speaks for its user.");
        assertThat(minted()).isEmpty();
    }

    @Test
    void aCredentialOfAUserWhoNoLongerExistsMintsNothing() {
        assertThatThrownBy(() -> mint(Caller.user(ann.id() + bob.id() + 100), 0, null))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("The credential no longer speaks for its user.");
        assertThat(minted()).isEmpty();
    }

    @Test
    void aCredentialThatExpiresNowMintsNothing() {
        assertThatThrownBy(() -> mint(Caller.user(ann.id()), ann.credentialEpoch(), now()))
                .isInstanceOf(InvalidTokenException.class).hasMessage("The access token has expired.");
        assertThatThrownBy(() -> mint(Caller.user(ann.id()), ann.credentialEpoch(), now().minusSeconds(1)))
                .isInstanceOf(InvalidTokenException.class).hasMessage("The access token has expired.");
        assertThat(minted()).isEmpty();
    }

    @Test
    void aCredentialWithASecondLeftMintsATokenForThatSecond() {
        IssuedToken token = mint(Caller.user(ann.id()), ann.credentialEpoch(), now().plusSeconds(1));

        assertThat(token.expiresAt()).isEqualTo(now().plusSeconds(1));
        assertThat(minted()).extracting(AuditEvent::detail).containsExactly("valid for 1 s");
    }

    @Test
    void aPasswordWithoutExpiryMintsATokenOfTheLongestLifetime() {
        IssuedToken token = mint(Caller.user(ann.id()), ann.credentialEpoch(), null);

        assertThat(token.expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(30)));
        assertThat(minted()).extracting(AuditEvent::detail).containsExactly("valid for 1800 s");
    }

    @Test
    void theTokenNeverOutlivesTheCredentialThatMintedIt() {
        IssuedToken token = mint(Caller.user(ann.id()), ann.credentialEpoch(), now().plus(Duration.ofMinutes(10)));

        assertThat(token.expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(10)));
        assertThat(fixture.core.authenticate().authenticate(token.token()).expiresAt())
                .isEqualTo(now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(minted()).extracting(AuditEvent::detail).containsExactly("valid for 600 s");
    }

    @Test
    void aLongerLivedCredentialMintsNoLongerThanTheLongestLifetime() {
        IssuedToken longer = mint(Caller.user(ann.id()), ann.credentialEpoch(), now().plus(Duration.ofHours(2)));
        IssuedToken equal = mint(Caller.user(ann.id()), ann.credentialEpoch(), now().plus(Duration.ofMinutes(30)));

        assertThat(longer.expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(30)));
        assertThat(equal.expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(30)));
    }

    @Test
    void theMintedTokenIsAPortalTokenOfTheCallerAtTheirEpochAndIsAudited() {
        IssuedToken token = mint(Caller.user(ann.id()), ann.credentialEpoch(), null);

        assertThat(token).isNotNull();
        AccessTokenClaims claims = fixture.core.authenticate().authenticate(token.token());
        assertThat(claims.userId()).isEqualTo(ann.id());
        assertThat(claims.portalLogin()).isTrue();
        assertThat(claims.isImpersonation()).isFalse();
        assertThat(claims.epoch()).isEqualTo(ann.credentialEpoch());
        AuditEvent event = minted().get(0);
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(event.actorId()).isEqualTo(ann.id());
        assertThat(event.subjectId()).isEqualTo(ann.id());
        assertThat(event.clientAddress()).isEqualTo("198.51.100.4");
    }
}
