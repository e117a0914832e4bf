package io.userservice.core.port.in;

import io.userservice.core.domain.User;
import java.util.Optional;

/**
 * Finds a user by email, for the operator at the command line (who may see anyone); not offered
 * over HTTP.
 */
public interface LookUpUserUseCase {

    /** The user with this email; empty for an unknown or malformed one. */
    Optional<User> byEmail(String email);
}
