package io.userservice.core.service;

import io.userservice.core.port.in.ListAttributesUseCase;
import io.userservice.core.port.out.UserAttributesPort;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

final class ListAttributesService implements ListAttributesUseCase {

    private final Profiles profiles;
    private final UserAttributesPort attributes;

    ListAttributesService(Profiles profiles, UserAttributesPort attributes) {
        this.profiles = profiles;
        this.attributes = attributes;
    }

    @Override
    public Map<String, String> list(long userId) {
        profiles.user(userId);
        return Collections.unmodifiableMap(new TreeMap<>(attributes.attributesOf(userId)));
    }
}
