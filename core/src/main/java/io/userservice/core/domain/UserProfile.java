package io.userservice.core.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A user together with their custom attributes, sorted by key. */
public record UserProfile(User user, Map<String, String> attributes) {

    public UserProfile {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
