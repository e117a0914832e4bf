package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.port.out.LoadUserPort;
import io.userservice.core.port.out.DeviceTokens;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.SaveUserPort;
import io.userservice.core.port.out.SecretGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks an email and password, for every way of signing in (native login, Basic authentication,
 * the seed's token and validate endpoints, the portal form). An unknown email costs the same
 * bcrypt verification as a wrong password (against a dummy hash made at the configured cost), so
 * neither the answer nor its timing tells them apart. Failures are throttled per account and per
 * client address before any lookup, and every attempt is audited. A hash made at a lower cost
 * than the configured one is upgraded. Where the channel keeps a device token (the native sign-in,
 * the hosted forms), a device that signed in before is held to its own failures instead of the
 * account's (see {@link Throttling#checkSignIn}) and gets a renewed token with each success.
 */
final class Credentials {

    private final LoadUserPort loadUsers;
    private final SaveUserPort saveUsers;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final CoreSettings settings;
    private final String dummyHash;
    private final Throttling throttling;
    private final AuditTrail audit;
    private final DeviceTokens devices;
    private final SecretGenerator secrets;

    /** A checked sign-in: the user, and the device token to keep for the next one (may be null). */
    record Verified(User user, String deviceToken) {
        @Override
        public String toString() {
            return "Verified[" + user + "]";
        }
    }

    /** How long a device keeps its standing after its last successful sign-in. */
    static final Duration DEVICE_TOKEN_TTL = Duration.ofDays(90);

    Credentials(LoadUserPort loadUsers, SaveUserPort saveUsers, PasswordHasher hasher, Clock clock,
                CoreSettings settings, String dummyHash, Throttling throttling, AuditTrail audit,
                DeviceTokens devices, SecretGenerator secrets) {
        this.devices = devices;
        this.secrets = secrets;
        this.loadUsers = loadUsers;
        this.saveUsers = saveUsers;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
        this.dummyHash = dummyHash;
        this.throttling = throttling;
        this.audit = audit;
    }

    /**
     * The confirmed user with this email and password.
     *
     * @param clientAddress the caller's address, or null when unknown (then only the per-account
     *                      limit applies)
     */
    User verify(String email, String password, String clientAddress) {
        return verify(email, password, clientAddress, null);
    }

    /**
     * The confirmed user with this email and password, on a device that presents
     * {@code deviceToken} (or null), with a renewed device token.
     */
    Verified verifyOnDevice(String email, String password, String clientAddress, String deviceToken) {
        String account = Throttling.digestOfAccount(email);
        String deviceId = deviceToken == null ? null : devices.deviceOf(deviceToken, account).orElse(null);
        User user = verify(email, password, clientAddress, deviceId);
        Instant now = clock.instant();
        return new Verified(user, devices.issue(account, deviceId != null ? deviceId : secrets.newSecret(), now,
                now.plus(DEVICE_TOKEN_TTL)));
    }

    private User verify(String email, String password, String clientAddress, String deviceId) {
        throttling.checkSignIn(email, clientAddress, deviceId);
        Optional<User> found = Optional.empty();
        try {
            found = settings.passwordPolicy().isVerifiable(password)
                    ? Email.parse(email).flatMap(loadUsers::findByEmail) : Optional.empty();
            User user = check(found, password);
            audit.self(AuditEvent.SIGN_IN, user.id(), clientAddress, AuditEvent.SUCCESS, null);
            return user;
        } catch (InvalidCredentialsException e) {
            throttling.signInFailed(email, clientAddress, deviceId);
            audit.record(AuditEvent.SIGN_IN, null, found.map(User::id).orElse(null), clientAddress,
                    AuditEvent.DENIED, found.isPresent() ? "wrong password" : "unknown account or unusable password");
            throw e;
        } catch (UserServiceException e) {
            audit.record(AuditEvent.SIGN_IN, null, found.map(User::id).orElse(null), clientAddress,
                    AuditEvent.DENIED, e.code());
            throw e;
        }
    }

    private User check(Optional<User> found, String password) {
        if (!settings.passwordPolicy().isVerifiable(password)) {
            throw new InvalidCredentialsException();
        }
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            throw new InvalidCredentialsException();
        }
        User user = found.get();
        if (!hasher.verify(password, user.passwordHash())) {
            throw new InvalidCredentialsException();
        }
        user.ensureMaySignIn();
        if (hasher.needsRehash(user.passwordHash())) {
            String upgraded = hasher.hash(password);
            if (saveUsers.upgradePasswordHash(user.id(), user.passwordHash(), upgraded, clock.instant())) {
                user = user.withUpgradedHash(upgraded, clock.instant());
            }
        }
        return user;
    }
}
