package io.userservice.core.service;

import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.ManagedByDirectoryException;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.UserDirectory;
import io.userservice.core.port.out.UserIdentitiesPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users as the service sees them: found in the directory, with what the service keeps about them
 * ({@link AccountStatePort}), under the numeric id the native API shows (the directory's own, or
 * one assigned at first sight). Also the one place that knows which operations the directory
 * allows.
 */
final class Users {

    private final UserDirectory directory;
    private final AccountStatePort accounts;
    private final UserIdentitiesPort identities;

    Users(UserDirectory directory, AccountStatePort accounts, UserIdentitiesPort identities) {
        this.directory = directory;
        this.accounts = accounts;
        this.identities = identities;
    }

    UserDirectory directory() {
        return directory;
    }

    /**
     * The user's state is read before their entry: a deletion that commits between the two reads
     * leaves no entry, never an entry with the state its erasure left.
     */
    Optional<User> byId(long id) {
        Optional<String> key = keyOf(id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        AccountState state = accounts.stateOf(id);
        return directory.findByKey(key.get()).map(known -> User.of(id, known, state));
    }

    /**
     * The user as the check of a presented token (an access or refresh token) sees them: from this
     * instance's copy when the directory has one beside it ({@link CachedAccountState#around(UserDirectory)}),
     * within the copy's bound on staleness; otherwise as {@link #byId}. Everything that changes or
     * judges an account on its own terms reads {@link #byId}.
     */
    Optional<User> holderById(long id) {
        if (directory instanceof CachedAccountState.CopiedDirectory copied) {
            return copied.holder(id).map(known -> User.of(id, known.entry(), known.state()));
        }
        return byId(id);
    }

    Optional<User> byEmail(Email email) {
        return directory.findByEmail(email).map(this::withState);
    }

    User withState(DirectoryUser known) {
        long id = idOf(known);
        return User.of(id, known, accounts.stateOf(id));
    }

    /** {@link #withState} for a page of users, their states read at once. */
    List<User> withStates(List<DirectoryUser> known) {
        List<Long> ids = known.stream().map(this::idOf).toList();
        Map<Long, AccountState> states = accounts.statesOf(ids);
        List<User> users = new ArrayList<>(known.size());
        for (int i = 0; i < known.size(); i++) {
            users.add(User.of(ids.get(i), known.get(i), states.get(ids.get(i))));
        }
        return users;
    }

    long idOf(DirectoryUser known) {
        if (directory.assignsIds()) {
            if (known.id() == null) {
                throw new IllegalStateException("directory " + directory.name() + " says it assigns ids but user "
                        + known.key() + " has none");
            }
            return known.id();
        }
        return identities.idOf(directory.name(), known.key());
    }

    Optional<String> keyOf(long id) {
        return directory.assignsIds() ? Optional.of(Long.toString(id)) : identities.keyOf(directory.name(), id);
    }

    boolean can(DirectoryCapability capability) {
        return directory.capabilities().contains(capability);
    }

    /** Refuses with 403 {@code registration_disabled} or {@code managed_by_directory} unless the directory can. */
    void require(DirectoryCapability capability, String what) {
        if (!can(capability)) {
            throw capability == DirectoryCapability.REGISTER ? ManagedByDirectoryException.registrationDisabled()
                    : ManagedByDirectoryException.managedByDirectory(what);
        }
    }
}
