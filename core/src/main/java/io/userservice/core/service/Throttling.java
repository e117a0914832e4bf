package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.port.out.ServiceObserver.ThrottleLimit;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ThrottleCounterPort.WindowCount;
import io.userservice.core.port.out.ThrottleCounterPort;
import io.userservice.core.settings.ThrottleSettings.Limit;
import io.userservice.core.settings.ThrottleSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;


/**
 * The throttling policy: which attempts are counted under which key and when they are refused.
 * Keys hold a digest of the address or email, never the text itself; an IPv6 address is counted by
 * its network (see {@link AddressKeys}). An account is counted by
 * its normalized email whether or not it exists, so a refusal tells nothing about existence.
 * Expired windows are purged at most once a minute, by whichever instance gets there. Every
 * refusal is audited.
 */
final class Throttling {

    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final ThrottleCounterPort counters;
    private final ThrottleSettings settings;
    private final Clock clock;
    private final AuditTrail audit;
    private final AtomicLong nextPurgeMillis = new AtomicLong();

    private final ServiceObserver observer;

    Throttling(ThrottleCounterPort counters, ThrottleSettings settings, Clock clock, AuditTrail audit,
               ServiceObserver observer) {
        this.observer = observer;
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Refuses a sign-in while the address, or the account, has too many recent failures. A device
     * that signed in to this account before ({@code deviceId}, from a verified device token, or
     * null) is not held to the account's count but to its own, under the same limit: whoever is
     * guessing the account's password slows themselves down, not its owner.
     */
    void checkSignIn(String email, ClientAddress clientAddress, String deviceId) {
        Instant now = clock.instant();
        Limit perAccount = settings.failedSignInsPerAccount();
        WindowCount account = counters.count(deviceId == null ? accountKey("signin", email)
                : deviceKey(deviceId), perAccount.window(), now);
        if (account.count() >= perAccount.max()) {
            throw refusal(AuditAction.SIGN_IN, clientAddress, deviceId == null ? "per account" : "per device",
                    deviceId == null ? ThrottleLimit.SIGNIN_ACCOUNT : ThrottleLimit.SIGNIN_DEVICE, account, now);
        }
        if (clientAddress.isKnown()) {
            Limit perAddress = settings.failedSignInsPerAddress();
            WindowCount address = counters.count(addressKey("signin", clientAddress), perAddress.window(), now);
            if (address.count() >= perAddress.max()) {
                throw refusal(AuditAction.SIGN_IN, clientAddress, "per address", ThrottleLimit.SIGNIN_ADDRESS, address,
                        now);
            }
        }
    }

    /** Refuses a sign-in from an address with too many recent failures, before its account is known. */
    void checkSignInAddress(ClientAddress clientAddress) {
        if (!clientAddress.isKnown()) {
            return;
        }
        Instant now = clock.instant();
        Limit perAddress = settings.failedSignInsPerAddress();
        WindowCount address = counters.count(addressKey("signin", clientAddress), perAddress.window(), now);
        if (address.count() >= perAddress.max()) {
            throw refusal(AuditAction.SIGN_IN, clientAddress, "per address", ThrottleLimit.SIGNIN_ADDRESS, address,
                    now);
        }
    }

    /** Counts a failed sign-in whose account is unknown against the address alone. */
    void signInFailedAtAddress(ClientAddress clientAddress) {
        if (clientAddress.isKnown()) {
            Instant now = clock.instant();
            counters.hit(addressKey("signin", clientAddress), settings.failedSignInsPerAddress().window(), now);
            purgeNowAndThen(now);
        }
    }

    /** Counts a failed sign-in against the account, the address and the device (when known). */
    void signInFailed(String email, ClientAddress clientAddress, String deviceId) {
        Instant now = clock.instant();
        counters.hit(accountKey("signin", email), settings.failedSignInsPerAccount().window(), now);
        if (deviceId != null) {
            counters.hit(deviceKey(deviceId), settings.failedSignInsPerAccount().window(), now);
        }
        if (clientAddress.isKnown()) {
            counters.hit(addressKey("signin", clientAddress), settings.failedSignInsPerAddress().window(), now);
        }
        purgeNowAndThen(now);
    }

    /** Counts an attempt to use a confirmation or reset code; refuses one over the limit. */
    void codeAttempt(AuditAction action, ClientAddress clientAddress) {
        perAddress(action, "code", ThrottleLimit.CODES_ADDRESS, settings.codeAttemptsPerAddress(), clientAddress);
    }

    void registration(ClientAddress clientAddress) {
        perAddress(AuditAction.REGISTRATION, "register", ThrottleLimit.REGISTER_ADDRESS,
                settings.registrationsPerAddress(),
                clientAddress);
    }

    void existsCheck(ClientAddress clientAddress) {
        perAddress(AuditAction.EXISTS_CHECK, "exists", ThrottleLimit.EXISTS_ADDRESS, settings.existsChecksPerAddress(),
                clientAddress);
    }

    /**
     * Counts a password reset request; refuses one over the address's limit. Over the account's
     * limit it answers false instead of refusing: the caller then sends no new mail but answers as
     * usual, and the links already sent stay usable, so requests made by someone else never keep
     * the owner from resetting.
     */
    boolean resetRequest(String email, ClientAddress clientAddress) {
        perAddress(AuditAction.RESET_REQUESTED, "reset", ThrottleLimit.RESET_ADDRESS,
                settings.resetRequestsPerAddress(),
                clientAddress);
        Instant now = clock.instant();
        Limit limit = settings.resetRequestsPerAccount();
        WindowCount count = counters.hit(accountKey("reset", email), limit.window(), now);
        if (count.count() > limit.max()) {
            audit.record(AuditAction.RESET_REQUESTED, Actor.unknown(), null, clientAddress, Outcome.THROTTLED,
                    "per account: no new mail");
            observer.throttled(ThrottleLimit.RESET_ACCOUNT);
            return false;
        }
        return true;
    }

    private void perAddress(AuditAction action, String scope, ThrottleLimit which, Limit limit,
            ClientAddress clientAddress) {
        if (!clientAddress.isKnown()) {
            return;
        }
        Instant now = clock.instant();
        WindowCount count = counters.hit(addressKey(scope, clientAddress), limit.window(), now);
        purgeNowAndThen(now);
        if (count.count() > limit.max()) {
            throw refusal(action, clientAddress, "per address", which, count, now);
        }
    }

    private TooManyRequestsException refusal(AuditAction action, ClientAddress clientAddress, String which,
            ThrottleLimit limit,
                                             WindowCount count, Instant now) {
        audit.record(action, Actor.unknown(), null, clientAddress, Outcome.THROTTLED, which);
        observer.throttled(limit);
        long seconds = Math.max(1, (Duration.between(now, count.resetsAt()).toMillis() + 999) / 1000);
        return new TooManyRequestsException(Duration.ofSeconds(seconds));
    }

    private void purgeNowAndThen(Instant now) {
        long due = nextPurgeMillis.get();
        if (now.toEpochMilli() >= due
                && nextPurgeMillis.compareAndSet(due, now.plus(PURGE_INTERVAL).toEpochMilli())) {
            counters.purgeExpired(now);
        }
    }

    /** The normalized email when it is one, else the trimmed, lower-cased text as typed. */
    static String accountOf(String email) {
        if (email == null) {
            return "";
        }
        return Email.parse(email).map(Email::value).orElseGet(() -> email.strip().toLowerCase(Locale.ROOT));
    }

    private static String accountKey(String scope, String email) {
        return scope + ":account:" + digestOfAccount(email);
    }

    /** What device tokens name an account by: the digest of its normalized email. */
    static String digestOfAccount(String email) {
        return Digests.sha256(accountOf(email));
    }

    private static String deviceKey(String deviceId) {
        return "signin:device:" + Digests.sha256(deviceId);
    }

    private String addressKey(String scope, ClientAddress clientAddress) {
        return scope + ":address:" + Digests.sha256(AddressKeys.of(clientAddress.value().orElseThrow(),
                settings.ipv6PrefixLength()));
    }
}
