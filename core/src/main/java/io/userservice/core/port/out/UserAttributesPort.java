package io.userservice.core.port.out;

import java.util.Map;

/** Stores each user's custom key/value attributes; keys are unique per user. */
public interface UserAttributesPort {

    /** All attributes of the user, sorted by key; empty when there are none. */
    Map<String, String> attributesOf(long userId);

    /** Creates the attribute, or replaces the value of an existing one with the same key. */
    void put(long userId, String key, String value);

    /** Removes the attribute; returns false when the user had no attribute with that key. */
    boolean remove(long userId, String key);

    /** How many attributes the user has. */
    int count(long userId);

    /** Erases every attribute of the user; returns how many. */
    int eraseUser(long userId);
}
