package io.userservice.core.port.out;

import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.SingleUseCode;
import java.time.Instant;
import java.util.Optional;

/** Stores single-use codes (by hash) and consumes them exactly once. */
public interface SingleUseCodePort {

    void save(SingleUseCode code);

    /**
     * Atomically marks the code used if it exists, has this purpose, is unused and has not
     * expired at {@code now}, and returns its user. Of concurrent calls for one code, on any
     * number of instances, at most one returns a user.
     */
    Optional<Long> consume(String codeHash, CodePurpose purpose, Instant now);

    /**
     * Whether {@link #consume} would succeed now, without using the code: a cheap check before
     * slow work. Only {@code consume} decides; a code may be used up between the two.
     */
    boolean isUsable(String codeHash, CodePurpose purpose, Instant now);

    /** Marks every unused code of the user with this purpose used; returns how many. */
    int invalidateAll(long userId, CodePurpose purpose, Instant now);

    /**
     * Deletes the codes, used or not, that expired before {@code cutoff}; returns how many. One
     * statement: instances purging at once delete each code once, and a code still valid is never
     * touched.
     */
    int deleteExpiredBefore(Instant cutoff);

    /** Erases every code of the user, used or not; returns how many. */
    int eraseUser(long userId);
}
