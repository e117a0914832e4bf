package io.userservice.core.port.out.contract;

import static io.userservice.core.port.out.contract.StoreFixtures.aStoredUserId;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.Role;
import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.UserRolesPort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserRolesPort} must do. */
public abstract class UserRolesContract {

    private UserRolesPort roles;
    private LoadUserPort users;
    private long ann;
    private long bob;

    /** Fresh, empty stores; called before each test. */
    protected abstract CoreStores newStores();

    @BeforeEach
    void openStores() {
        CoreStores stores = newStores();
        roles = stores.roles();
        users = stores.loadUsers();
        ann = aStoredUserId(stores.saveUsers());
        bob = aStoredUserId(stores.saveUsers());
    }

    @Test
    void grantedRolesShowOnTheUserAndOnlyOnThatUser() {
        assertThat(roles.grant(ann, Role.ADMIN)).isTrue();
        assertThat(roles.grant(ann, Role.USER_EDIT)).isTrue();

        assertThat(users.findById(ann).orElseThrow().roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.USER_EDIT);
        assertThat(users.findById(bob).orElseThrow().roles()).isEmpty();
    }

    @Test
    void grantingTwiceOrToNobodyChangesNothing() {
        roles.grant(ann, Role.ADMIN);

        assertThat(roles.grant(ann, Role.ADMIN)).isFalse();
        assertThat(roles.grant(999_999, Role.ADMIN)).isFalse();
        assertThat(users.findById(ann).orElseThrow().roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void revokedRolesAreGone() {
        roles.grant(ann, Role.ADMIN);
        roles.grant(ann, Role.USER_EDIT);

        assertThat(roles.revoke(ann, Role.ADMIN)).isTrue();
        assertThat(roles.revoke(ann, Role.ADMIN)).isFalse();
        assertThat(roles.revoke(bob, Role.USER_EDIT)).isFalse();
        assertThat(users.findById(ann).orElseThrow().roles()).containsExactly(Role.USER_EDIT);
    }

    @Test
    void revokingARoleRaisesTheCredentialEpochOnceAndGrantingDoesNot() {
        long start = users.findById(ann).orElseThrow().credentialEpoch();

        roles.grant(ann, Role.ADMIN);
        long afterGrant = users.findById(ann).orElseThrow().credentialEpoch();
        roles.revoke(ann, Role.ADMIN);
        long afterRevoke = users.findById(ann).orElseThrow().credentialEpoch();
        roles.revoke(ann, Role.ADMIN);

        assertThat(afterGrant).isEqualTo(start);
        assertThat(afterRevoke).isEqualTo(start + 1);
        assertThat(users.findById(ann).orElseThrow().credentialEpoch()).isEqualTo(afterRevoke);
        assertThat(users.findById(bob).orElseThrow().credentialEpoch()).isEqualTo(start);
    }
}
