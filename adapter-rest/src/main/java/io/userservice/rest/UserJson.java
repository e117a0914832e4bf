package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserProfile;
import java.util.Map;

/** A user as the native API shows it; {@code attributes} only where the endpoint lists them. */
@JsonPropertyOrder({"id", "email", "firstname", "lastname", "language", "permissionLevel", "confirmed",
        "attributes"})
record UserJson(long id, String email, String firstname, String lastname, String language, int permissionLevel,
                boolean confirmed,
                @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> attributes) {

    static UserJson of(User user) {
        return new UserJson(user.id(), user.email().value(), user.firstname(), user.lastname(), user.language(),
                user.permissionLevel(), user.confirmed(), null);
    }

    static UserJson of(UserProfile profile) {
        User user = profile.user();
        return new UserJson(user.id(), user.email().value(), user.firstname(), user.lastname(), user.language(),
                user.permissionLevel(), user.confirmed(), profile.attributes());
    }
}
