package io.userservice.core.port.in;

import io.userservice.core.domain.UserProfile;

/** An authenticated user together with their attributes. */
public interface GetProfileUseCase {

    UserProfile profile(long userId);
}
