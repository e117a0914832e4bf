package io.userservice.core.service;

import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.InvalidMfaTokenException;
import io.userservice.core.domain.MfaChallenge;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.DeviceTokens;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceObserver.SignInChannel;
import java.time.Clock;
import java.time.Instant;

/**
 * The second step of a sign-in, for every channel that has one: a live challenge of that channel,
 * then one answer. A wrong answer counts against the challenge (it dies after
 * {@link SecondFactors#MAX_WRONG_CODES}) and, like a wrong password, against the account's
 * sign-in limit. The challenge is used up by one atomic statement only after a right answer, and
 * the user's credential epoch must still be the one the password step saw, before the answer and
 * after it: a password reset in between leaves the challenge worthless.
 */
final class SecondFactorSignIn {

    /** A finished sign-in: the user, the device token to keep (may be null), and whether a recovery code was used. */
    record Completed(User user, String deviceToken, boolean recoveryCodeUsed) {
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

    SecondFactorSignIn(Users users, SecondFactors factors, Credentials credentials, Throttling throttling,
                       AuditTrail audit, Notices notices, DeviceTokens devices, SecretGenerator secrets, Clock clock) {
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

    Completed complete(String mfaToken, String code, String recoveryCode, String clientAddress,
                       SignInChannel channel) {
        boolean hasCode = code != null && !code.isBlank();
        boolean hasRecoveryCode = recoveryCode != null && !recoveryCode.isBlank();
        if (hasCode == hasRecoveryCode) {
            throw new InvalidInputException("invalid_request", hasCode ? "recoveryCode" : "code",
                    "Send either code or recoveryCode, not both.");
        }
        return credentials.observed(channel, () -> answer(mfaToken, hasCode ? code : null, recoveryCode,
                clientAddress, channel));
    }

    private Completed answer(String mfaToken, String code, String recoveryCode, String clientAddress,
                             SignInChannel channel) {
        MfaChallenge challenge = factors.liveChallenge(mfaToken)
                .filter(c -> c.channel().equals(ServiceObserver.label(channel)))
                .orElseThrow(InvalidMfaTokenException::new);
        User user = current(challenge);
        String email = user.email().value();
        throttling.checkSignIn(email, clientAddress, challenge.deviceId());
        boolean right = code != null ? factors.acceptTotp(user.id(), code)
                : factors.acceptRecoveryCode(user.id(), recoveryCode);
        if (!right) {
            factors.wrongCode(challenge);
            throttling.signInFailed(email, clientAddress, challenge.deviceId());
            audit.self(AuditEvent.SIGN_IN, user.id(), clientAddress, AuditEvent.DENIED,
                    code != null ? "wrong authenticator code" : "wrong recovery code");
            throw new InvalidMfaCodeException();
        }
        if (!factors.consume(challenge)) {
            throw new InvalidMfaTokenException();
        }
        User signedIn = current(challenge);
        String method = code != null ? SecondFactors.TOTP : SecondFactors.RECOVERY_CODE;
        audit.self(AuditEvent.SIGN_IN, user.id(), clientAddress, AuditEvent.SUCCESS, "second factor: " + method);
        if (recoveryCode != null) {
            audit.self(AuditEvent.RECOVERY_CODE_USED, user.id(), clientAddress, AuditEvent.SUCCESS,
                    factors.recoveryCodesLeft(user.id()) + " left");
            notices.recoveryCodeUsed(signedIn);
        }
        Instant now = clock.instant();
        String deviceToken = devices.issue(Throttling.digestOfAccount(email),
                challenge.deviceId() != null ? challenge.deviceId() : secrets.newSecret(), now,
                now.plus(Credentials.DEVICE_TOKEN_TTL));
        return new Completed(signedIn, deviceToken, recoveryCode != null);
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
