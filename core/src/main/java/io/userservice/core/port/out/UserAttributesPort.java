package io.userservice.core.port.out;

import java.util.Map;

/** Stores each user's custom key/value attributes; keys are unique per user. */
public interface UserAttributesPort {

    /** All attributes of the user, sorted by key; empty when there are none. */
    Map<String, String> attributesOf(long userId);

    /** Creates the attribute, or replaces the value of an existing one with the same key; no limit applies. */
    void put(long userId, String key, String value);

    /**
     * As {@link #put}, but a new key is stored only while the user has fewer than
     * {@code maxPerUser} attributes; replacing the value of an existing key always succeeds. The
     * count and the write are one atomic step: however many calls for one user run at once, on
     * any number of instances, the user never holds more than {@code maxPerUser} attributes.
     *
     * @return false, changing nothing, when the attribute is new and the user is at the limit
     */
    boolean putWithin(long userId, String key, String value, int maxPerUser);

    /** Removes the attribute; returns false when the user had no attribute with that key. */
    boolean remove(long userId, String key);

    /** How many attributes the user has. */
    int count(long userId);

    /** Erases every attribute of the user; returns how many. */
    int eraseUser(long userId);
}
