package io.userservice.core.service;

import io.userservice.core.domain.Actor;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.InvalidMfaTokenException;
import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.domain.MfaChallenge;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyChallenge;
import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.domain.SignInMethods;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.DeviceTokens;
import io.userservice.core.port.out.PasskeyPort;
import io.userservice.core.port.out.PasskeyVerifier;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.SignInChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The second step of a sign-in, for every channel that has one: a live challenge of that channel,
 * then one answer. A wrong answer counts against the challenge (it dies after
 * {@link SecondFactors#MAX_WRONG_CODES}) and, like a wrong password, against the account's
 * sign-in limit. The challenge is used up by one atomic statement only after a right answer, and
 * the user's credential epoch must still be the one the password step saw, before the answer and
 * after it: a password reset in between leaves the challenge worthless.
 */
final class SecondFactorSignIn {

    /**
     * A finished sign-in: the user, the device token to keep (may be null), and whether a passkey
     * answered.
     */
    record Completed(User user, String deviceToken, boolean passkeyUsed) {

        /** How the user signed in, as {@link SignInMethods} says it. */
        String methods() {
            return passkeyUsed ? SignInMethods.PASSWORD_AND_PASSKEY : SignInMethods.PASSWORD_AND_CODE;
        }

        @Override
        public String toString() {
            return "Completed[" + user + "]";
        }
    }

    private final Users users;
    private final SecondFactors factors;
    private final Credentials credentials;
    private final Throttling throttling;
    private final AuditTrail audit;
    private final Notices notices;
    private final DeviceTokens devices;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final PasskeyPort passkeys;
    private final PasskeyChallenges passkeyChallenges;
    private final PasskeyVerifier verifier;

    SecondFactorSignIn(Users users, SecondFactors factors, Credentials credentials, Throttling throttling,
                       AuditTrail audit, Notices notices, DeviceTokens devices, SecretGenerator secrets, Clock clock,
                       PasskeyPort passkeys, PasskeyChallenges passkeyChallenges, PasskeyVerifier verifier) {
        this.passkeys = passkeys;
        this.passkeyChallenges = passkeyChallenges;
        this.verifier = verifier;
        this.users = users;
        this.factors = factors;
        this.credentials = credentials;
        this.throttling = throttling;
        this.audit = audit;
        this.notices = notices;
        this.devices = devices;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Answers a live challenge with exactly one of an authenticator code, a recovery code or a
     * passkey assertion ({@code PublicKeyCredential} JSON).
     */
    Completed complete(String mfaToken, String code, String recoveryCode, String webauthn, ClientAddress clientAddress,
                       SignInChannel channel) {
        boolean hasCode = code != null && !code.isBlank();
        boolean hasRecoveryCode = recoveryCode != null && !recoveryCode.isBlank();
        boolean hasAssertion = webauthn != null && !webauthn.isBlank();
        int answers = (hasCode ? 1 : 0) + (hasRecoveryCode ? 1 : 0) + (hasAssertion ? 1 : 0);
        if (answers != 1) {
            throw new InvalidInputException("invalid_request", hasCode ? "recoveryCode" : "code",
                    "Send exactly one of code, recoveryCode or webauthn.");
        }
        return credentials.observed(channel, () -> answer(mfaToken, hasCode ? code : null,
                hasRecoveryCode ? recoveryCode : null, hasAssertion ? webauthn : null, clientAddress, channel));
    }

    /**
     * WebAuthn request options for answering a live challenge with a passkey: the challenged
     * user's passkeys only, and a WebAuthn challenge that only this sign-in challenge accepts.
     */
    PasskeyRequestOptions webauthnOptions(String mfaToken, ClientAddress clientAddress, SignInChannel channel) {
        MfaChallenge challenge = live(mfaToken, channel);
        User user = current(challenge);
        throttling.checkSignIn(user.email().value(), clientAddress, challenge.deviceId());
        List<String> allowed = passkeys.listOf(user.id()).stream().map(Passkey::credentialIdText).toList();
        if (allowed.isEmpty()) {
            throw new InvalidInputException("invalid_request", "mfaToken",
                    "This account has no passkey: answer with an authenticator or recovery code.");
        }
        return new PasskeyRequestOptions(verifier.rpId(),
                passkeyChallenges.issue(PasskeyChallenge.Purpose.SECOND_FACTOR, user.id(), challenge.tokenHash()), allowed,
                PasskeyChallenges.TTL);
    }

    private MfaChallenge live(String mfaToken, SignInChannel channel) {
        return factors.liveChallenge(mfaToken)
                .filter(c -> c.channel().equals(ServiceObserver.label(channel)))
                .orElseThrow(InvalidMfaTokenException::new);
    }

    private Completed answer(String mfaToken, String code, String recoveryCode, String webauthn,
                             ClientAddress clientAddress, SignInChannel channel) {
        MfaChallenge challenge = live(mfaToken, channel);
        User user = current(challenge);
        String email = user.email().value();
        throttling.checkSignIn(email, clientAddress, challenge.deviceId());
        boolean right = code != null ? factors.acceptTotp(user.id(), code)
                : recoveryCode != null ? factors.acceptRecoveryCode(user.id(), recoveryCode)
                : acceptPasskey(user, challenge, webauthn, clientAddress);
        if (!right) {
            factors.wrongCode(challenge);
            throttling.signInFailed(email, clientAddress, challenge.deviceId());
            audit.self(AuditAction.SIGN_IN, user.id(), clientAddress, Outcome.DENIED,
                    code != null ? "wrong authenticator code"
                            : recoveryCode != null ? "wrong recovery code" : "wrong passkey assertion");
            throw new InvalidMfaCodeException();
        }
        if (!factors.consume(challenge)) {
            throw new InvalidMfaTokenException();
        }
        User signedIn = current(challenge);
        String method = code != null ? SecondFactors.TOTP
                : recoveryCode != null ? SecondFactors.RECOVERY_CODE : SecondFactors.WEBAUTHN;
        audit.self(AuditAction.SIGN_IN, user.id(), clientAddress, Outcome.SUCCESS, "second factor: " + method);
        if (recoveryCode != null) {
            audit.self(AuditAction.RECOVERY_CODE_USED, user.id(), clientAddress, Outcome.SUCCESS,
                    factors.recoveryCodesLeft(user.id()) + " left");
            notices.recoveryCodeUsed(signedIn);
        }
        Instant now = clock.instant();
        String deviceToken = devices.issue(Throttling.digestOfAccount(email),
                challenge.deviceId() != null ? challenge.deviceId() : secrets.newSecret(), now,
                now.plus(Credentials.DEVICE_TOKEN_TTL));
        return new Completed(signedIn, deviceToken, webauthn != null);
    }

    /**
     * Whether the assertion is one of the user's passkeys signing a second-factor challenge issued
     * to this user for this very sign-in challenge, with user verification. The WebAuthn challenge is consumed before anything else
     * is looked at, so an assertion is checked at most once; the new signature counter is stored
     * only if the stored one is still the one checked against.
     */
    private boolean acceptPasskey(User user, MfaChallenge challenge, String webauthn, ClientAddress clientAddress) {
        if (!factors.isOn(user.id())) {
            return false;
        }
        PasskeyVerifier.AssertionClaim claim;
        try {
            claim = verifier.readAssertion(webauthn);
        } catch (InvalidPasskeyException e) {
            return false;
        }
        if (!passkeyChallenges.consume(claim.challenge(), PasskeyChallenge.Purpose.SECOND_FACTOR, user.id(),
                challenge.tokenHash())) {
            return false;
        }
        Optional<Passkey> found = passkeys.findByCredentialId(claim.credentialId())
                .filter(p -> p.userId() == user.id());
        if (found.isEmpty()) {
            return false;
        }
        Passkey passkey = found.get();
        if (claim.userHandle() != null && claim.userHandle().length > 0 && !passkeys.userWithHandle(
                new String(claim.userHandle(), StandardCharsets.ISO_8859_1)).equals(Optional.of(user.id()))) {
            return false;
        }
        long newCount;
        try {
            newCount = verifier.verifyAssertion(webauthn, claim.challenge(), passkey.credentialRecord(),
                    passkey.signCount());
        } catch (PasskeyVerifier.ClonedAuthenticatorException e) {
            audit.record(AuditAction.PASSKEY_CLONED, Actor.unknown(), user.id(), clientAddress, Outcome.DENIED,
                    "passkey " + passkey.id() + ": counter " + e.presentedCount() + " after " + e.storedCount());
            return false;
        } catch (InvalidPasskeyException e) {
            return false;
        }
        if (!passkeys.recordUse(passkey.id(), passkey.signCount(), newCount, clock.instant())) {
            audit.record(AuditAction.PASSKEY_CLONED, Actor.unknown(), user.id(), clientAddress, Outcome.DENIED,
                    "passkey " + passkey.id() + ": counter changed during the sign-in");
            return false;
        }
        return true;
    }

    /** The challenge's user, still at the epoch the password step saw and allowed to sign in. */
    private User current(MfaChallenge challenge) {
        User user = users.byId(challenge.userId()).orElseThrow(InvalidMfaTokenException::new);
        if (user.credentialEpoch() != challenge.credentialEpoch() || user.deactivated()) {
            throw new InvalidMfaTokenException();
        }
        return user;
    }
}
