package io.userservice.core.memory;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailChange;
import io.userservice.core.port.out.EmailChangePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Requested email changes kept in memory; thread-safe. */
public final class InMemoryEmailChanges implements EmailChangePort {

    private final ConcurrentHashMap<String, EmailChange> byCodeHash = new ConcurrentHashMap<>();

    @Override
    public void save(EmailChange change) {
        byCodeHash.put(change.codeHash(), change);
    }

    @Override
    public Optional<EmailChange> find(String codeHash) {
        return Optional.ofNullable(byCodeHash.get(codeHash));
    }

    @Override
    public synchronized List<Email> eraseUser(long userId) {
        List<Email> named = new ArrayList<>();
        byCodeHash.values().removeIf(change -> change.userId() == userId && named.add(change.newEmail()));
        return named;
    }
}
