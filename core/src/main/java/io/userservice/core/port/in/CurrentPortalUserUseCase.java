package io.userservice.core.port.in;

import io.userservice.core.domain.User;
import java.util.Optional;

/** The user of a live portal session, from the session's secret (the cookie). */
public interface CurrentPortalUserUseCase {

    /** Empty for an unknown, ended or expired session, and for one its user's changes have ended. */
    Optional<User> currentUser(String sessionSecret);
}
