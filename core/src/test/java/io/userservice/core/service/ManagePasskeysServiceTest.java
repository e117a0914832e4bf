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
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.port.out.PasskeyState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Listing, renaming and removing passkeys: a user sees and touches only their own; another user's
 * passkey id, an unknown id and no id are all "not found" and change nothing; a token minted on
 * the user's behalf may list but neither rename nor remove, and its attempt is audited under the
 * person really acting; a rename checks the name and answers the renamed passkey itself; each
 * change is audited with the passkey's id.
 */
class ManagePasskeysServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.64");

    private final PasskeyState passkeyState = InMemoryPasskeyState.create();
    private final CoreFixture fixture = new CoreFixture(b -> b.passkeys(passkeyState, new ScriptedPasskeyVerifier()));
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    {
        add("pk-ann-1", ann, "Laptop");
        add("pk-ann-2", ann, "Phone");
        add("pk-bob-1", bob, "Bob's key");
    }

    private void add(String id, User owner, String name) {
        passkeyState.passkeys().add(new Passkey(id, owner.id(), ("cred-" + id).getBytes(StandardCharsets.UTF_8),
                "record".getBytes(StandardCharsets.UTF_8), 0, name, fixture.clock.instant(), null));
    }

    private List<String> namesOf(User user) {
        return passkeyState.passkeys().listOf(user.id()).stream().map(Passkey::name).toList();
    }

    private List<AuditEvent> audited(AuditAction action) {
        return fixture.state.auditLog().newest(null, 100).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(action.storedForm())).toList();
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "passkey_not_found");
    }

    @Test
    void aUserListsTheirOwnPasskeysOnly() {
        assertThat(fixture.core.managePasskeys().list(Caller.user(ann.id()))).extracting(Passkey::id)
                .containsExactly("pk-ann-1", "pk-ann-2");
        assertThat(fixture.core.managePasskeys().list(Caller.user(bob.id()))).extracting(Passkey::id)
                .containsExactly("pk-bob-1");
    }

    @Test
    void anotherUsersPasskeyCannotBeRenamedOrRemoved() {
        assertNotFound(() -> fixture.core.managePasskeys().rename(Caller.user(ann.id()), "pk-bob-1", "Mine now",
                ADDRESS));
        assertNotFound(() -> fixture.core.managePasskeys().delete(Caller.user(ann.id()), "pk-bob-1", ADDRESS));

        assertThat(namesOf(bob)).containsExactly("Bob's key");
        assertThat(audited(AuditAction.PASSKEY_RENAMED)).isEmpty();
        assertThat(audited(AuditAction.PASSKEY_DELETED)).isEmpty();
    }

    @Test
    void anUnknownIdOrNoIdIsNotFound() {
        assertNotFound(() -> fixture.core.managePasskeys().rename(Caller.user(ann.id()), "pk-none", "Name", ADDRESS));
        assertNotFound(() -> fixture.core.managePasskeys().rename(Caller.user(ann.id()), null, "Name", ADDRESS));
        assertNotFound(() -> fixture.core.managePasskeys().delete(Caller.user(ann.id()), "pk-none", ADDRESS));
        assertNotFound(() -> fixture.core.managePasskeys().delete(Caller.user(ann.id()), null, ADDRESS));

        assertThat(namesOf(ann)).containsExactly("Laptop", "Phone");
        assertThat(audited(AuditAction.PASSKEY_RENAMED)).isEmpty();
        assertThat(audited(AuditAction.PASSKEY_DELETED)).isEmpty();
    }

    @Test
    void aTokenMintedOnTheUsersBehalfCannotRenameOrRemoveAndTheAttemptIsAudited() {
        Caller impersonation = new Caller(ann.id(), bob.id());

        assertThatThrownBy(() -> fixture.core.managePasskeys().rename(impersonation, "pk-ann-1", "Taken", ADDRESS))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixture.core.managePasskeys().delete(impersonation, "pk-ann-1", ADDRESS))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(namesOf(ann)).containsExactly("Laptop", "Phone");
        assertThat(audited(AuditAction.PASSKEY_RENAMED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.actorId()).isEqualTo(bob.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
        });
        assertThat(audited(AuditAction.PASSKEY_DELETED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.actorId()).isEqualTo(bob.id());
        });
    }

    @Test
    void anInvalidNameIsRefusedAndTheNameKept() {
        assertThatThrownBy(() -> fixture.core.managePasskeys().rename(Caller.user(ann.id()), "pk-ann-1", "  ",
                ADDRESS)).isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("field", "name");
        assertThatThrownBy(() -> fixture.core.managePasskeys().rename(Caller.user(ann.id()), "pk-ann-1",
                "x".repeat(Passkey.MAX_NAME_LENGTH + 1), ADDRESS)).isInstanceOf(InvalidInputException.class);

        assertThat(namesOf(ann)).containsExactly("Laptop", "Phone");
    }

    @Test
    void aRenameAnswersTheRenamedPasskeyWithItsTrimmedNameAndIsAudited() {
        Passkey renamed = fixture.core.managePasskeys().rename(Caller.user(ann.id()), "pk-ann-2", "  Work phone ",
                ADDRESS);

        assertThat(renamed.id()).isEqualTo("pk-ann-2");
        assertThat(renamed.name()).isEqualTo("Work phone");
        assertThat(namesOf(ann)).containsExactly("Laptop", "Work phone");
        assertThat(audited(AuditAction.PASSKEY_RENAMED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.clientAddress()).isEqualTo("192.0.2.64");
            assertThat(e.detail()).isEqualTo("pk-ann-2");
        });
    }

    @Test
    void aRemovalTakesThatPasskeyOnlyAndIsAudited() {
        fixture.core.managePasskeys().delete(Caller.user(ann.id()), "pk-ann-1", ADDRESS);

        assertThat(passkeyState.passkeys().listOf(ann.id())).extracting(Passkey::id).containsExactly("pk-ann-2");
        assertThat(namesOf(bob)).containsExactly("Bob's key");
        assertThat(audited(AuditAction.PASSKEY_DELETED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
            assertThat(e.actorId()).isEqualTo(ann.id());
            assertThat(e.subjectId()).isEqualTo(ann.id());
            assertThat(e.detail()).isEqualTo("pk-ann-1");
        });
        assertNotFound(() -> fixture.core.managePasskeys().delete(Caller.user(ann.id()), "pk-ann-1", ADDRESS));
    }
}
