package io.userservice.core.port.in;

import io.userservice.core.domain.Caller;
import io.userservice.core.domain.Session;
import java.util.List;

/**
 * A user's live sessions (signed-in refresh-token families), newest first, without any token. A
 * user sees their own; an administrator with their own credential sees anyone's.
 */
public interface ListSessionsUseCase {

    /**
     * @throws io.userservice.core.domain.AccessDeniedException when the caller may not see them
     * @throws io.userservice.core.domain.NotFoundException     when there is no such user
     */
    List<Session> list(Caller caller, long userId);
}
