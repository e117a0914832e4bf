package io.userservice.core;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.domain.Role;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.UserDirectory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A directory the service can only read, as a company directory is: it holds the users it was
 * given, grants roles of its own (as LDAP groups do), has keys that are no numbers and no ids of
 * its own, and declares no capability.
 */
public final class ReadOnlyDirectory implements UserDirectory {

    private final InMemoryUserDirectory users = new InMemoryUserDirectory(new BcryptPasswordHasher(4));
    private final Map<String, Set<Role>> groups = new HashMap<>();

    /** Adds a user (as the directory's own administrators would) with the roles its groups give. */
    public ReadOnlyDirectory with(String email, String password, Role... roles) {
        DirectoryUser user = users.register(new NewDirectoryUser(UUID.randomUUID(), Email.of(email),
                new BcryptPasswordHasher(4).hash(password), "Given", "Family", "en", true, Instant.now()));
        groups.put(user.key(), Set.of(roles));
        return this;
    }

    @Override
    public String name() {
        return "read-only";
    }

    @Override
    public Set<DirectoryCapability> capabilities() {
        return Set.of();
    }

    @Override
    public boolean assignsIds() {
        return false;
    }

    @Override
    public Optional<DirectoryUser> findByKey(String key) {
        return key.startsWith("entry-") ? users.findByKey(key.substring(6)).map(this::asEntry) : Optional.empty();
    }

    @Override
    public Optional<DirectoryUser> findByEmail(Email email) {
        return users.findByEmail(email).map(this::asEntry);
    }

    @Override
    public boolean checkPassword(DirectoryUser user, String password) {
        return users.findByKey(user.key().substring(6)).map(u -> users.checkPassword(u, password)).orElse(false);
    }

    @Override
    public void checkNoOnesPassword(String password) {
        users.checkNoOnesPassword(password);
    }

    private DirectoryUser asEntry(DirectoryUser u) {
        return new DirectoryUser("entry-" + u.key(), null, u.uniqueId(), u.email(), u.firstname(), u.lastname(),
                u.language(), u.permissionLevel(), groups.getOrDefault(u.key(), Set.of()), true, u.createdAt(),
                u.updatedAt());
    }
}
