package io.userservice.core.port.out;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.User;
import java.util.Optional;

/** Finds stored users. */
public interface LoadUserPort {

    Optional<User> findById(long id);

    /** Looks a user up by canonical email; the store compares exactly, the domain has normalized. */
    Optional<User> findByEmail(Email email);
}
