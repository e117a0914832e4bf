package io.userservice.core.port.out;

import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the core tells an observer (metrics) about its work: sign-ins by channel and outcome,
 * registrations, refresh-token exchanges, tokens issued, password hashing, throttle refusals and
 * mail deliveries. Every value is one of the enums below, never anything a caller chose or that
 * identifies a person (an email, an id, an address, a token). Methods are called on the thread
 * doing the work, after it; an observer must be fast and must not throw.
 */
public interface ServiceObserver {

    /** Where a password was checked. */
    enum SignInChannel {
        /** {@code POST /auth/login} and the hosted sign-in. */
        NATIVE,
        /** A password checked on its own: HTTP Basic and the credential check of the Nexudus API. */
        BASIC,
        /** The Nexudus token route, {@code /api/sys/users/token}. */
        NEXUDUS,
        /** The portal's sign-in form. */
        PORTAL,
        /** An OpenID Connect sign-in. */
        OIDC,
        /** A passkey sign-in, on any surface. */
        PASSKEY
    }

    enum SignInOutcome { SUCCESS, FAILURE, THROTTLED, MFA_REQUIRED }

    enum RegistrationOutcome {
        SUCCESS,
        /** Refused input: a bad email or password, an email taken, a directory that takes no users. */
        REJECTED,
        THROTTLED
    }

    enum RefreshOutcome {
        SUCCESS,
        /** Unknown, expired, revoked, or the user may no longer sign in. */
        INVALID,
        /** A rotated token used again outside the grace window: its family was revoked. */
        REUSE_DETECTED
    }

    enum TokenKind { ACCESS, REFRESH, PORTAL, IMPERSONATION }

    enum MailOutcome {
        SENT,
        /** This attempt failed; the mail is tried again later. */
        RETRY,
        /** Failed for good: undeliverable, or out of attempts. */
        GIVEN_UP
    }

    /** The throttle limit that refused, by its setting ({@code USERSVC_THROTTLE_…}). */
    enum ThrottleLimit {
        SIGNIN_ACCOUNT, SIGNIN_DEVICE, SIGNIN_ADDRESS, CODES_ADDRESS, RESET_ACCOUNT, RESET_ADDRESS, REGISTER_ADDRESS,
        EXISTS_ADDRESS
    }

    /** The mails waiting in the outbox and the age of the oldest ({@link Duration#ZERO} with none). */
    record MailBacklog(long pending, Duration oldestPendingAge) {
    }

    /** An enum constant as a label value: {@code REUSE_DETECTED} is {@code reuse_detected}. */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    default void signIn(SignInChannel channel, SignInOutcome outcome) {
    }

    default void registration(RegistrationOutcome outcome) {
    }

    default void refresh(RefreshOutcome outcome) {
    }

    default void tokenIssued(TokenKind kind) {
    }

    /** One password hash or check took this long (the waiting for a hashing slot not included). */
    default void passwordHashed(Duration took) {
    }

    default void throttled(ThrottleLimit limit) {
    }

    default void mailDelivered(MailOutcome outcome) {
    }

    /**
     * Called once when the core is built, with what an observer may read whenever it likes: the
     * password hashes running or waiting, and the outbox's backlog (a query of the store).
     */
    default void watch(IntSupplier passwordHashesInProgress, Supplier<MailBacklog> mailBacklog) {
    }

    /** Observes nothing. */
    static ServiceObserver none() {
        return new ServiceObserver() {
        };
    }
}
