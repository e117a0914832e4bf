package io.userservice.core.service;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserProfile;
import io.userservice.core.port.in.GetProfileUseCase;
import io.userservice.core.port.in.GetUserUseCase;
import io.userservice.core.port.in.ListAttributesUseCase;
import io.userservice.core.port.in.LookUpUserUseCase;
import io.userservice.core.port.in.PublishKeysUseCase;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.UserAttributesPort;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read-only use cases. Each is a short (the existence check: throttled) delegation to a port, so they share a class
 * instead of five near-empty ones; every write use case has its own.
 */
final class UserQueriesService implements GetUserUseCase, GetProfileUseCase, ListAttributesUseCase,
        UserExistsUseCase, PublishKeysUseCase, LookUpUserUseCase {

    private final Profiles profiles;
    private final Users users;
    private final UserAttributesPort attributes;
    private final AccessTokenIssuer issuer;
    private final Throttling throttling;

    UserQueriesService(Profiles profiles, Users users, UserAttributesPort attributes,
                       AccessTokenIssuer issuer, Throttling throttling) {
        this.throttling = throttling;
        this.profiles = profiles;
        this.users = users;
        this.attributes = attributes;
        this.issuer = issuer;
    }

    @Override
    public User get(long userId) {
        return profiles.user(userId);
    }

    @Override
    public UserProfile profile(long userId) {
        return profiles.profile(userId);
    }

    @Override
    public Map<String, String> list(long userId) {
        profiles.user(userId);
        return Collections.unmodifiableMap(new TreeMap<>(attributes.attributesOf(userId)));
    }

    @Override
    public boolean exists(String email, String clientAddress) {
        throttling.existsCheck(clientAddress);
        return Email.parse(email).flatMap(users.directory()::findByEmail).isPresent();
    }

    @Override
    public java.util.Optional<User> byEmail(String email) {
        return Email.parse(email).flatMap(users::byEmail);
    }

    @Override
    public String publicKeySetJson() {
        return issuer.publicKeySetJson();
    }
}
