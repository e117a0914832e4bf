package io.userservice.core.port.out;

import io.userservice.core.domain.TotpFactor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores each user's second factors: at most one authenticator (TOTP) and one set of recovery
 * codes (by hash only). Every single-use rule here is decided by one atomic statement, so it holds
 * for concurrent calls on any number of instances sharing the store.
 */
public interface SecondFactorPort {

    /**
     * Keeps a pending (unconfirmed) authenticator for the user, replacing an earlier pending one.
     * Returns false, and changes nothing, when the user's authenticator is already on.
     */
    boolean savePendingTotp(long userId, String storedSecret, Instant at);

    /**
     * Turns the user's pending authenticator on at {@code at}, with {@code usedStep} as its last
     * used step. Of concurrent calls at most one returns true; false when there is no pending
     * authenticator (none, or already on).
     */
    boolean enableTotp(long userId, long usedStep, Instant at);

    /** The user's authenticator, pending or on. */
    Optional<TotpFactor> totp(long userId);

    /**
     * Records that the code of time step {@code step} was accepted, if the user's authenticator is
     * on and no code of this step or a later one was accepted before. Of concurrent calls for one
     * user and step, on any number of instances, at most one returns true.
     */
    boolean useTotpStep(long userId, long step);

    /** Replaces the user's recovery codes (hashes) with these, unused: the old set stops working. */
    void replaceRecoveryCodes(long userId, List<String> codeHashes, Instant at);

    /**
     * Marks the user's unused recovery code with this hash used. Of concurrent calls for one code,
     * on any number of instances, at most one returns true.
     */
    boolean useRecoveryCode(long userId, String codeHash, Instant at);

    /** How many of the user's recovery codes are still unused. */
    int recoveryCodesLeft(long userId);

    /** Removes the user's authenticator and recovery codes; returns whether an authenticator was on. */
    boolean removeAll(long userId);
}
