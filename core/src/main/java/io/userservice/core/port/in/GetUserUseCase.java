package io.userservice.core.port.in;

import io.userservice.core.domain.User;

/** The current state of an authenticated user. */
public interface GetUserUseCase {

    /** @throws io.userservice.core.domain.InvalidTokenException when the user no longer exists */
    User get(long userId);
}
