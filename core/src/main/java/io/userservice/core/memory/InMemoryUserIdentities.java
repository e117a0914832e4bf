package io.userservice.core.memory;

import io.userservice.core.port.out.UserIdentitiesPort;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Ids assigned to the users of directories without ids, in memory; thread-safe. */
public final class InMemoryUserIdentities implements UserIdentitiesPort {

    private final Map<String, Long> idByKey = new HashMap<>();
    private final Map<Long, String> keyById = new HashMap<>();
    private String boundTo;
    private long lastId;

    @Override
    public synchronized long idOf(String directory, String key) {
        return idByKey.computeIfAbsent(directory + "\u0000" + key, k -> {
            long id = ++lastId;
            keyById.put(id, k);
            return id;
        });
    }

    @Override
    public synchronized Optional<String> keyOf(String directory, long id) {
        String scoped = keyById.get(id);
        String prefix = directory + "\u0000";
        return scoped != null && scoped.startsWith(prefix)
                ? Optional.of(scoped.substring(prefix.length())) : Optional.empty();
    }

    @Override
    public synchronized void bindTo(String directory) {
        if (boundTo != null && !boundTo.equals(directory)) {
            throw new IllegalStateException("this state belongs to the users of directory '" + boundTo
                    + "', not '" + directory + "'");
        }
        boundTo = directory;
    }
}
