package io.userservice.rest.archviolation;

import io.userservice.core.port.out.ServiceState;
import io.userservice.core.service.UserServiceCore;

/**
 * Deliberately makes a driving adapter reach past the use cases (the wired core, a driven port),
 * so the architecture rules can be seen to catch it.
 */
public class RestReachingPastTheUseCases {

    public ServiceState state(UserServiceCore core) {
        return null;
    }
}
