package io.userservice.core.memory;

import io.userservice.core.crypto.PasswordHashes;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.NewDirectoryUser;
import io.userservice.core.port.out.DirectoryCapability;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.UserDirectory;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Users with password hashes kept in memory, with every capability; thread-safe. For embedding
 * without a database and for tests. Open it with the core's hasher:
 * {@code UserServiceCore.builder(settings, InMemoryUserDirectory::new, state, notifier)}.
 */
public final class InMemoryUserDirectory implements UserDirectory {

    private record Entry(DirectoryUser user, String passwordHash) {
    }

    private final PasswordHashes hashes;
    private final Map<Long, Entry> byId = new HashMap<>();
    private final Map<Email, Long> idByEmail = new HashMap<>();
    private long lastId;

    public InMemoryUserDirectory(PasswordHasher hasher) {
        this.hashes = new PasswordHashes(hasher);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Set<DirectoryCapability> capabilities() {
        return EnumSet.allOf(DirectoryCapability.class);
    }

    @Override
    public boolean assignsIds() {
        return true;
    }

    @Override
    public synchronized Optional<DirectoryUser> findByKey(String key) {
        return idOf(key).map(byId::get).map(Entry::user);
    }

    @Override
    public synchronized Optional<DirectoryUser> findByEmail(Email email) {
        return Optional.ofNullable(idByEmail.get(email)).map(byId::get).map(Entry::user);
    }

    @Override
    public boolean checkPassword(DirectoryUser user, String password) {
        String hash = hashOf(user.key());
        if (!hashes.matches(password, hash)) {
            return false;
        }
        hashes.upgrade(password, hash).ifPresent(stronger -> replaceHash(user.key(), hash, stronger));
        return true;
    }

    @Override
    public void checkNoOnesPassword(String password) {
        hashes.matches(password, null);
    }

    @Override
    public synchronized DirectoryUser register(NewDirectoryUser user) {
        if (idByEmail.containsKey(user.email())) {
            throw new EmailAlreadyTakenException();
        }
        long id = ++lastId;
        DirectoryUser stored = new DirectoryUser(Long.toString(id), id, user.uniqueId(), user.email(), user.firstname(),
                user.lastname(), user.language(), 0, Set.of(), user.confirmed(), user.createdAt(), user.createdAt());
        byId.put(id, new Entry(stored, user.passwordHash()));
        idByEmail.put(user.email(), id);
        return stored;
    }

    @Override
    public boolean markConfirmed(String key, Instant at) {
        return change(key, e -> e.user().confirmed() ? e : new Entry(with(e.user(), e.user().firstname(),
                e.user().lastname(), true, at), e.passwordHash()));
    }

    @Override
    public boolean setPasswordHash(String key, String passwordHash, Instant at) {
        return change(key, e -> new Entry(with(e.user(), e.user().firstname(), e.user().lastname(),
                e.user().confirmed(), at), passwordHash));
    }

    @Override
    public boolean updateNames(String key, String firstname, String lastname, Instant at) {
        return change(key, e -> new Entry(with(e.user(), firstname, lastname, e.user().confirmed(), at),
                e.passwordHash()));
    }

    @Override
    public boolean updateLanguage(String key, String language, Instant at) {
        return change(key, e -> {
            DirectoryUser u = e.user();
            return new Entry(new DirectoryUser(u.key(), u.id(), u.uniqueId(), u.email(), u.firstname(), u.lastname(),
                    language, u.permissionLevel(), u.roles(), u.confirmed(), u.createdAt(), at), e.passwordHash());
        });
    }

    @Override
    public synchronized List<DirectoryUser> search(String prefix, String afterKey, int limit) {
        String wanted = prefix.toLowerCase(Locale.ROOT);
        long after = afterKey == null ? 0 : idOf(afterKey).orElse(Long.MAX_VALUE);
        return new TreeMap<>(byId).tailMap(after, false).values().stream().map(Entry::user)
                .filter(u -> startsWith(u.email().value(), wanted) || startsWith(u.firstname(), wanted)
                        || startsWith(u.lastname(), wanted))
                .limit(limit).toList();
    }

    private static boolean startsWith(String text, String prefix) {
        return text != null && text.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    @Override
    public synchronized boolean changeEmail(String key, Email email, Instant at) {
        Optional<Long> id = idOf(key);
        Entry entry = id.map(byId::get).orElse(null);
        if (entry == null) {
            return false;
        }
        Long holder = idByEmail.get(email);
        if (holder != null && !holder.equals(id.get())) {
            throw new EmailAlreadyTakenException();
        }
        DirectoryUser u = entry.user();
        idByEmail.remove(u.email());
        idByEmail.put(email, id.get());
        byId.put(id.get(), new Entry(new DirectoryUser(u.key(), u.id(), u.uniqueId(), email, u.firstname(),
                u.lastname(), u.language(), u.permissionLevel(), u.roles(), u.confirmed(), u.createdAt(), at),
                entry.passwordHash()));
        return true;
    }

    @Override
    public synchronized boolean delete(String key) {
        Optional<Long> id = idOf(key);
        Entry removed = id.map(byId::remove).orElse(null);
        if (removed == null) {
            return false;
        }
        idByEmail.remove(removed.user().email());
        return true;
    }

    @Override
    public Optional<String> passwordHash(String key) {
        return Optional.ofNullable(hashOf(key));
    }

    private synchronized String hashOf(String key) {
        return idOf(key).map(byId::get).map(Entry::passwordHash).orElse(null);
    }

    private synchronized void replaceHash(String key, String expected, String replacement) {
        change(key, e -> e.passwordHash().equals(expected) ? new Entry(e.user(), replacement) : e);
    }

    private synchronized boolean change(String key, UnaryOperator<Entry> change) {
        Optional<Long> id = idOf(key);
        if (id.isEmpty() || !byId.containsKey(id.get())) {
            return false;
        }
        byId.put(id.get(), change.apply(byId.get(id.get())));
        return true;
    }

    private static DirectoryUser with(DirectoryUser u, String firstname, String lastname, boolean confirmed,
                                      Instant at) {
        return new DirectoryUser(u.key(), u.id(), u.uniqueId(), u.email(), firstname, lastname, u.language(),
                u.permissionLevel(), u.roles(), confirmed, u.createdAt(), at);
    }

    private static Optional<Long> idOf(String key) {
        try {
            return Optional.of(Long.parseLong(key));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
