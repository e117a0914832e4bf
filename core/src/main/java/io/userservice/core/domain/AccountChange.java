package io.userservice.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One change to what the service keeps about a user ({@link AccountState}), as the domain rules
 * decide it: whether it ends the user's sessions (raises the credential epoch by one), the
 * valid-after instant it sets, and what it does to the deactivation mark. A store applies a change
 * in one atomic step and decides nothing itself.
 *
 * @param raisesEpoch   whether the credential epoch goes up by one
 * @param validAfter    the new valid-after instant; {@code null} keeps the current one
 * @param deactivation  what happens to the deactivation mark
 * @param deactivatedAt the new mark when {@code deactivation} is {@link Deactivation#SET}, else {@code null}
 */
public record AccountChange(boolean raisesEpoch, Instant validAfter, Deactivation deactivation, Instant deactivatedAt) {

    /** What a change does to the deactivation mark. */
    public enum Deactivation { KEEP, SET, CLEAR }

    public AccountChange {
        Objects.requireNonNull(deactivation, "deactivation");
        if ((deactivation == Deactivation.SET) != (deactivatedAt != null)) {
            throw new IllegalArgumentException("a deactivation instant goes with SET, and only with it");
        }
    }

    /** After a password change or reset at {@code at}: every earlier token and session stops working. */
    public static AccountChange passwordChanged(Instant at) {
        return new AccountChange(true, Objects.requireNonNull(at), Deactivation.KEEP, null);
    }

    /** After the user signed out everywhere at {@code at}: as a password change. */
    public static AccountChange signedOutEverywhere(Instant at) {
        return passwordChanged(at);
    }

    /** Deactivated at {@code at}: marked, and every earlier token and session stops working. */
    public static AccountChange deactivation(Instant at) {
        return new AccountChange(true, Objects.requireNonNull(at), Deactivation.SET, at);
    }

    /** Active again; tokens from before the deactivation stay invalid (valid-after and epoch are kept). */
    public static AccountChange reactivation() {
        return new AccountChange(false, null, Deactivation.CLEAR, null);
    }

    /** The state after this change. */
    public AccountState applyTo(AccountState state) {
        return new AccountState(raisesEpoch ? state.credentialEpoch() + 1 : state.credentialEpoch(),
                validAfter == null ? state.validAfter() : validAfter,
                switch (deactivation) {
                    case KEEP -> state.deactivatedAt();
                    case SET -> deactivatedAt;
                    case CLEAR -> null;
                },
                state.roles());
    }
}
