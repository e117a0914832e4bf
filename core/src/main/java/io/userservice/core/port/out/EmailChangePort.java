package io.userservice.core.port.out;

import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailChange;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the requested email changes, by the hash of the code that confirms each. The code itself
 * is a single-use code ({@link SingleUseCodePort}), which alone decides whether it may be used;
 * this only names the address it confirms.
 */
public interface EmailChangePort {

    void save(EmailChange change);

    /** The change confirmed by the code with this hash, used or not, expired or not. */
    Optional<EmailChange> find(String codeHash);

    /** Erases every change the user requested; returns the addresses they named. */
    List<Email> eraseUser(long userId);
}
