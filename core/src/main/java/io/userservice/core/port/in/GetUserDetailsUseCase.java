package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.User;
import java.time.Instant;
import java.util.Map;

/** One user as an administrator sees them: roles, attributes, state and latest sign-in. */
public interface GetUserDetailsUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException when the caller is not an admin
     * @throws io.userservice.core.domain.NotFoundException     when there is no such user
     */
    UserDetails details(Caller caller, long userId);

    /** @param lastSignInAt the latest successful sign-in, or null when there was none */
    record UserDetails(User user, Map<String, String> attributes, Instant lastSignInAt) {
    }
}
