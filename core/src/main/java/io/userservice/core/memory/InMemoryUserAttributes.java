package io.userservice.core.memory;

import io.userservice.core.port.out.UserAttributesPort;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** User attributes kept in memory; thread-safe. */
public final class InMemoryUserAttributes implements UserAttributesPort {

    private final Map<Long, TreeMap<String, String>> byUser = new HashMap<>();

    @Override
    public synchronized Map<String, String> attributesOf(long userId) {
        return new TreeMap<>(byUser.getOrDefault(userId, new TreeMap<>()));
    }

    @Override
    public synchronized void put(long userId, String key, String value) {
        byUser.computeIfAbsent(userId, id -> new TreeMap<>()).put(key, value);
    }

    @Override
    public synchronized boolean putWithin(long userId, String key, String value, int maxPerUser) {
        TreeMap<String, String> attributes = byUser.computeIfAbsent(userId, id -> new TreeMap<>());
        if (!attributes.containsKey(key) && attributes.size() >= maxPerUser) {
            return false;
        }
        attributes.put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(long userId, String key) {
        TreeMap<String, String> attributes = byUser.get(userId);
        return attributes != null && attributes.remove(key) != null;
    }

    @Override
    public synchronized int count(long userId) {
        TreeMap<String, String> attributes = byUser.get(userId);
        return attributes == null ? 0 : attributes.size();
    }

    @Override
    public synchronized int eraseUser(long userId) {
        TreeMap<String, String> attributes = byUser.remove(userId);
        return attributes == null ? 0 : attributes.size();
    }
}
