package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.SignInMethods;
import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyChallenge;
import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.port.TooBusyException;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.UserServiceException;
import io.userservice.core.port.in.PortalLogin;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import io.userservice.core.port.out.PasskeyPort;
import io.userservice.core.port.out.PasskeyVerifier;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.SignInChannel;
import io.userservice.core.port.out.ServiceObserver.SignInOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The passkey sign-in. The order of the checks matters: the challenge the assertion names is
 * consumed before anything else is looked at, so an assertion is checked at most once whatever
 * happens next; the user (and with it the credential epoch the tokens carry) is read before the
 * signature is checked; and the new signature counter is stored only if the stored one is still
 * the one checked against, so of two copies of one authenticator racing, one loses.
 */
final class SignInWithPasskeyService implements SignInWithPasskeyUseCase {

    private final Users users;
    private final PasskeyPort passkeys;
    private final PasskeyChallenges challenges;
    private final PasskeyVerifier verifier;
    private final Throttling throttling;
    private final TokenIssuance tokens;
    private final PortalSessions sessions;
    private final Clock clock;
    private final AuditTrail audit;
    private final ServiceObserver observer;

    SignInWithPasskeyService(Users users, PasskeyPort passkeys, PasskeyChallenges challenges, PasskeyVerifier verifier,
                             Throttling throttling, TokenIssuance tokens, PortalSessions sessions, Clock clock,
                             AuditTrail audit, ServiceObserver observer) {
        this.users = users;
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.verifier = verifier;
        this.throttling = throttling;
        this.tokens = tokens;
        this.sessions = sessions;
        this.clock = clock;
        this.audit = audit;
        this.observer = observer;
    }

    @Override
    public PasskeyRequestOptions options(OptionsCommand command) {
        if (command.email() != null && !command.email().isBlank()) {
            throttling.checkSignIn(command.email(), command.clientAddress(), null);
        } else {
            throttling.checkSignInAddress(command.clientAddress());
        }
        return new PasskeyRequestOptions(verifier.rpId(), challenges.issue(PasskeyChallenge.Purpose.SIGN_IN, null,
                bindingOf(command.boundTo())),
                List.of(), PasskeyChallenges.TTL);
    }

    @Override
    public Result logIn(Command command) {
        User user = observed(() -> verify(command));
        return new Result(user, tokens.forNewSession(user, command.client()));
    }

    @Override
    public PortalLogin signInToPortal(Command command) {
        User user = observed(() -> verify(command));
        return sessions.start(user, null, SignInMethods.PASSKEY);
    }

    private User observed(java.util.function.Supplier<User> signIn) {
        try {
            User user = signIn.get();
            observer.signIn(SignInChannel.PASSKEY, SignInOutcome.SUCCESS);
            return user;
        } catch (TooManyRequestsException | TooBusyException e) {
            observer.signIn(SignInChannel.PASSKEY, SignInOutcome.THROTTLED);
            throw e;
        } catch (RuntimeException e) {
            observer.signIn(SignInChannel.PASSKEY, SignInOutcome.FAILURE);
            throw e;
        }
    }

    private User verify(Command command) {
        ClientAddress address = command.client().clientAddress();
        throttling.checkSignInAddress(address);
        PasskeyVerifier.AssertionClaim claim;
        try {
            claim = verifier.readAssertion(command.responseJson());
        } catch (InvalidPasskeyException e) {
            throw failed(address, null, null, "unreadable assertion");
        }
        if (!challenges.consume(claim.challenge(), PasskeyChallenge.Purpose.SIGN_IN, null,
                bindingOf(command.boundTo()))) {
            throw failed(address, null, null, "unknown, used or expired challenge");
        }
        Optional<Passkey> found = passkeys.findByCredentialId(claim.credentialId());
        if (found.isEmpty()) {
            throw failed(address, null, null, "unknown passkey");
        }
        Passkey passkey = found.get();
        if (claim.userHandle() != null && claim.userHandle().length > 0 && !passkeys.userWithHandle(
                new String(claim.userHandle(), StandardCharsets.ISO_8859_1)).equals(Optional.of(passkey.userId()))) {
            throw failed(address, passkey.userId(), null, "user handle does not match the passkey");
        }
        Optional<User> owner = users.byId(passkey.userId());
        if (owner.isEmpty()) {
            throw failed(address, passkey.userId(), null, "unknown account");
        }
        User user = owner.get();
        String email = user.email().value();
        throttling.checkSignIn(email, address, null);
        long newCount;
        try {
            newCount = verifier.verifyAssertion(command.responseJson(), claim.challenge(), passkey.credentialRecord(),
                    passkey.signCount());
        } catch (PasskeyVerifier.ClonedAuthenticatorException e) {
            audit.record(AuditAction.PASSKEY_CLONED, Actor.unknown(), user.id(), address, Outcome.DENIED,
                    "passkey " + passkey.id() + ": counter " + e.presentedCount() + " after " + e.storedCount());
            throw failed(address, user.id(), email, "signature counter did not increase");
        } catch (InvalidPasskeyException e) {
            throw failed(address, user.id(), email, "assertion did not verify");
        }
        if (!passkeys.recordUse(passkey.id(), passkey.signCount(), newCount, clock.instant())) {
            audit.record(AuditAction.PASSKEY_CLONED, Actor.unknown(), user.id(), address, Outcome.DENIED,
                    "passkey " + passkey.id() + ": counter changed during the sign-in");
            throw failed(address, user.id(), email, "signature counter raced");
        }
        try {
            user.ensureMaySignIn();
        } catch (UserServiceException e) {
            audit.record(AuditAction.SIGN_IN, Actor.unknown(), user.id(), address, Outcome.DENIED,
                    "passkey: " + e.code());
            if (user.deactivated()) {
                throw new InvalidPasskeyException();
            }
            throw e;
        }
        audit.self(AuditAction.SIGN_IN, user.id(), address, Outcome.SUCCESS, "passkey");
        return user;
    }

    /**
     * A bound challenge is stored under a name no unbound one can have, so a challenge handed out
     * for one sign-in (say the native API's) never answers another (say an authorization request's).
     */
    private static String bindingOf(String boundTo) {
        return boundTo == null ? null : "sign-in for " + boundTo;
    }

    private InvalidPasskeyException failed(ClientAddress address, Long userId, String email, String why) {
        if (email != null) {
            throttling.signInFailed(email, address, null);
        } else {
            throttling.signInFailedAtAddress(address);
        }
        audit.record(AuditAction.SIGN_IN, Actor.unknown(), userId, address, Outcome.DENIED, "passkey: " + why);
        return new InvalidPasskeyException();
    }
}
