package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.DirectoryWrapper;
import io.userservice.core.ReadOnlyDirectory;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.Role;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.in.ImportUsersUseCase.ImportedUser;
import io.userservice.core.port.out.ServiceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Exporting users is for the operator only and needs a directory that can list them. The export
 * pages through every user exactly once, however many pages there are, leaves out users whose hash
 * the directory does not keep, and carries each user's roles from the directory and from the
 * service, merged and sorted.
 */
class ExportUsersServiceTest {

    private static final String HASH = "$2a$04$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";

    private final ServiceState state = InMemoryServiceState.create();
    private final GroupingDirectory directory = new GroupingDirectory();
    private final ExportUsersService export = new ExportUsersService(
            new Users(directory, state.accounts(), state.identities()), state.accounts(), state.attributes());

    /** The in-memory directory, which also grants roles of its own (as LDAP groups do) and may keep no hash. */
    private static final class GroupingDirectory extends DirectoryWrapper {
        private final Map<String, Set<Role>> groups = new HashMap<>();
        private final Set<String> withoutHash = new HashSet<>();

        GroupingDirectory() {
            super(new InMemoryUserDirectory(new BcryptPasswordHasher(4)));
        }

        DirectoryUser add(String email, Role... roles) {
            DirectoryUser user = users.register(new NewDirectoryUser(UUID.randomUUID(), Email.of(email), HASH,
                    "Given", "Family", "de", true, Instant.parse("2026-01-01T00:00:00Z")));
            groups.put(user.key(), Set.of(roles));
            return user;
        }

        void forgetHashOf(DirectoryUser user) {
            withoutHash.add(user.key());
        }

        private DirectoryUser grouped(DirectoryUser u) {
            return new DirectoryUser(u.key(), u.id(), u.uniqueId(), u.email(), u.firstname(), u.lastname(),
                    u.language(), u.permissionLevel(), groups.getOrDefault(u.key(), Set.of()), u.confirmed(),
                    u.createdAt(), u.updatedAt());
        }

        @Override
        public String name() {
            return "grouping";
        }

        @Override
        public Optional<DirectoryUser> findByKey(String key) {
            return users.findByKey(key).map(this::grouped);
        }

        @Override
        public Optional<DirectoryUser> findByEmail(Email email) {
            return users.findByEmail(email).map(this::grouped);
        }

        @Override
        public List<DirectoryUser> search(String prefix, String afterKey, int limit) {
            return users.search(prefix, afterKey, limit).stream().map(this::grouped).toList();
        }

        @Override
        public Optional<String> passwordHash(String key) {
            return withoutHash.contains(key) ? Optional.empty() : users.passwordHash(key);
        }
    }

    private List<ImportedUser> exported() {
        List<ImportedUser> all = new ArrayList<>();
        long count = export.exportUsers(Caller.operator(), all::add);
        assertThat(count).isEqualTo(all.size());
        return all;
    }

    private static List<String> emails(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "user" + i + "@example.com").toList();
    }

    @Test
    void onlyTheOperatorExports() {
        DirectoryUser admin = directory.add("admin@example.com", Role.ADMIN);
        List<ImportedUser> received = new ArrayList<>();

        assertThatThrownBy(() -> export.exportUsers(Caller.user(admin.id()), received::add))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> export.exportUsers(new Caller(admin.id(), admin.id()), received::add))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aDirectoryThatCannotListUsersRefusesTheExport() {
        ReadOnlyDirectory readOnly = new ReadOnlyDirectory().with("ann@example.com", "directory password 1");
        ExportUsersService overReadOnly = new ExportUsersService(
                new Users(readOnly, state.accounts(), state.identities()), state.accounts(), state.attributes());

        assertThatThrownBy(() -> overReadOnly.exportUsers(Caller.operator(), user -> { }))
                .isInstanceOf(ManagedByDirectoryException.class)
                .satisfies(e -> assertThat(((ManagedByDirectoryException) e).code()).isEqualTo("managed_by_directory"));
    }

    @Test
    void anEmptyDirectoryExportsNothing() {
        assertThat(exported()).isEmpty();
    }

    @Test
    void exactlyOnePageOfUsersIsExportedOnce() {
        emails(1, ExportUsersService.PAGE).forEach(directory::add);

        assertThat(exported()).extracting(ImportedUser::email).containsExactlyElementsOf(emails(1, 500));
    }

    @Test
    void usersBeyondTheFirstPageAreExportedOnceEachInTheDirectorysOrder() {
        emails(1, 1_001).forEach(directory::add);

        assertThat(exported()).extracting(ImportedUser::email).containsExactlyElementsOf(emails(1, 1_001));
    }

    @Test
    void aUserWhoseHashTheDirectoryDoesNotKeepIsLeftOut() {
        directory.add("ann@example.com");
        directory.forgetHashOf(directory.add("bob@example.com"));
        directory.add("cy@example.com");

        assertThat(exported()).extracting(ImportedUser::email).containsExactly("ann@example.com", "cy@example.com");
    }

    @Test
    void eachUserCarriesTheirDataAndTheRolesOfDirectoryAndServiceMerged() {
        DirectoryUser ann = directory.add("ann@example.com", Role.ADMIN, new Role("support"));
        DirectoryUser bob = directory.add("bob@example.com");
        state.accounts().grant(ann.id(), new Role("support"));
        state.accounts().grant(ann.id(), Role.USER_EDIT);
        state.accounts().deactivate(bob.id(), Instant.parse("2026-02-01T00:00:00Z"));
        state.attributes().put(bob.id(), "plan", "gold");

        assertThat(exported()).containsExactly(
                new ImportedUser("ann@example.com", HASH, "Given", "Family", "de", true, Map.of(),
                        List.of("admin", "support", "user-edit"), false),
                new ImportedUser("bob@example.com", HASH, "Given", "Family", "de", true, Map.of("plan", "gold"),
                        List.of(), true));
    }
}
