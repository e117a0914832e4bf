package io.userservice.core.port.in;

import java.util.Map;

/** All attributes of a user, sorted by key. */
public interface ListAttributesUseCase {

    Map<String, String> list(long userId);
}
