package io.userservice.core.service;

import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.DirectoryUser;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.MfaRequiredException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SecondFactorRequiredException;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.port.TooBusyException;
import io.userservice.core.port.out.AccountStatePort;
import io.userservice.core.port.out.DeviceTokens;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.ServiceObserver.SignInChannel;
import io.userservice.core.port.out.ServiceObserver.SignInOutcome;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;


/**
 * Checks an email and password, for every way of signing in (native login, Basic authentication,
 * the Nexudus token and validate endpoints, the portal form), against the user directory. An
 * unknown email costs the directory the same work as a wrong password, so neither the answer nor
 * its timing tells them apart. Failures are throttled per account and per client address before
 * any lookup, and every attempt is audited. Where the channel keeps a device token (the native sign-in,
 * the hosted forms), a device that signed in before is held to its own failures instead of the
 * account's (see {@link Throttling#checkSignIn}) and gets a renewed token with each success.
 */
final class Credentials {

    private final Users users;
    private final AccountStatePort accounts;
    private final Clock clock;
    private final CoreSettings settings;
    private final Throttling throttling;
    private final AuditTrail audit;
    private final DeviceTokens devices;
    private final SecretGenerator secrets;
    private final ServiceObserver observer;
    private final SecondFactors secondFactors;

    /** A checked sign-in: the user, and the device token to keep for the next one (may be null). */
    record Verified(User user, String deviceToken) {
        @Override
        public String toString() {
            return "Verified[" + user + "]";
        }
    }

    /** How long a device keeps its standing after its last successful sign-in. */
    static final Duration DEVICE_TOKEN_TTL = Duration.ofDays(90);

    Credentials(Users users, AccountStatePort accounts, Clock clock, CoreSettings settings, Throttling throttling,
                AuditTrail audit, DeviceTokens devices, SecretGenerator secrets, ServiceObserver observer,
                SecondFactors secondFactors) {
        this.users = users;
        this.accounts = accounts;
        this.clock = clock;
        this.settings = settings;
        this.throttling = throttling;
        this.audit = audit;
        this.devices = devices;
        this.secrets = secrets;
        this.observer = observer;
        this.secondFactors = secondFactors;
    }

    /**
     * The confirmed user with this email and password.
     *
     * @param clientAddress the caller's address, or null when unknown (then only the per-account
     *                      limit applies)
     */
    User verify(String email, String password, ClientAddress clientAddress, SignInChannel channel) {
        return observed(channel, () -> verify(email, password, clientAddress, null, null));
    }

    /**
     * The confirmed user with this email and password, on a device that presents
     * {@code deviceToken} (or null), with a renewed device token.
     */
    Verified verifyOnDevice(String email, String password, ClientAddress clientAddress, String deviceToken,
                            SignInChannel channel) {
        String account = Throttling.digestOfAccount(email);
        String deviceId = deviceToken == null ? null : devices.deviceOf(deviceToken, account).orElse(null);
        User user = observed(channel, () -> verify(email, password, clientAddress, deviceId, channel));
        Instant now = clock.instant();
        return new Verified(user, devices.issue(account, deviceId != null ? deviceId : secrets.newSecret(), now,
                now.plus(DEVICE_TOKEN_TTL)));
    }

    /** Tells the observer how the sign-in on {@code channel} ended. */
    <T> T observed(SignInChannel channel, Supplier<T> signIn) {
        try {
            T result = signIn.get();
            observer.signIn(channel, SignInOutcome.SUCCESS);
            return result;
        } catch (MfaRequiredException | SecondFactorRequiredException e) {
            observer.signIn(channel, SignInOutcome.MFA_REQUIRED);
            throw e;
        } catch (TooManyRequestsException | TooBusyException e) {
            observer.signIn(channel, SignInOutcome.THROTTLED);
            throw e;
        } catch (RuntimeException e) {
            observer.signIn(channel, SignInOutcome.FAILURE);
            throw e;
        }
    }

    /**
     * Checks the password of a signed-in user again, before a change that needs it (a new password
     * or email, deleting the account): limited and counted as a sign-in on the user's account and
     * the client's address. Returns the user as read before the check, so its credential epoch is
     * the one the check vouches for.
     *
     * @throws InvalidCredentialsException when the password is wrong or the user is deactivated
     */
    User reverify(long userId, String password, ClientAddress clientAddress, AuditAction action) {
        User before = users.byId(userId).orElseThrow(() -> new InvalidTokenException(
                "The user of this token no longer exists."));
        String email = before.email().value();
        throttling.checkSignIn(email, clientAddress, null);
        DirectoryUser known = users.directory().findByKey(before.directoryKey()).orElseThrow(
                () -> new InvalidTokenException("The user of this token no longer exists."));
        AccountState state = accounts.stateOf(userId);
        boolean matches = settings.passwordPolicy().isVerifiable(password)
                && users.directory().checkPassword(known, password);
        User user = User.of(userId, known, state);
        if (!matches || user.deactivated()) {
            throttling.signInFailed(email, clientAddress, null);
            audit.self(action, userId, clientAddress, Outcome.DENIED, matches ? "deactivated" : "wrong password");
            throw new InvalidCredentialsException();
        }
        return user;
    }

    /**
     * @param secondStep where the sign-in can go on to a second factor (a challenge is started for
     *                   an account that has one on), or null on a channel that takes a password only
     *                   (such an account is refused there, after the right password only)
     */
    private User verify(String email, String password, ClientAddress clientAddress, String deviceId,
                        SignInChannel secondStep) {
        throttling.checkSignIn(email, clientAddress, deviceId);
        Optional<DirectoryUser> found = Optional.empty();
        try {
            found = settings.passwordPolicy().isVerifiable(password)
                    ? Email.parse(email).flatMap(users.directory()::findByEmail) : Optional.empty();
            User user = check(found, password);
            if (secondFactors.isOn(user.id())) {
                if (secondStep == null) {
                    throw new SecondFactorRequiredException();
                }
                throw new MfaRequiredException(secondFactors.challenge(user, ServiceObserver.label(secondStep),
                        deviceId), secondFactors.methods(user.id()));
            }
            audit.self(AuditAction.SIGN_IN, user.id(), clientAddress, Outcome.SUCCESS, null);
            return user;
        } catch (InvalidCredentialsException e) {
            throttling.signInFailed(email, clientAddress, deviceId);
            audit.record(AuditAction.SIGN_IN, Actor.unknown(), found.map(users::idOf).orElse(null), clientAddress,
                    Outcome.DENIED, found.isPresent() ? "wrong password" : "unknown account or unusable password");
            throw e;
        } catch (UserServiceException e) {
            audit.record(AuditAction.SIGN_IN, Actor.unknown(), found.map(users::idOf).orElse(null), clientAddress,
                    Outcome.DENIED, e.code());
            throw e;
        }
    }

    /**
     * The user's state (and with it the credential epoch their tokens will carry) is read before
     * the slow password check, and the directory reads the password afresh after it: so a reset
     * that lands during the check either changes the password this check sees, or raises the
     * epoch the tokens carry, and a thief with the old password gets nothing that works.
     */
    private User check(Optional<DirectoryUser> found, String password) {
        if (!settings.passwordPolicy().isVerifiable(password)) {
            throw new InvalidCredentialsException();
        }
        if (found.isEmpty()) {
            users.directory().checkNoOnesPassword(password);
            throw new InvalidCredentialsException();
        }
        DirectoryUser known = found.get();
        long id = users.idOf(known);
        AccountState state = accounts.stateOf(id);
        if (!users.directory().checkPassword(known, password)) {
            throw new InvalidCredentialsException();
        }
        User user = User.of(id, known, state);
        user.ensureMaySignIn();
        return user;
    }
}
