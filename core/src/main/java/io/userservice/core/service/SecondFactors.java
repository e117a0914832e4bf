package io.userservice.core.service;

import io.userservice.core.domain.MfaChallenge;
import io.userservice.core.domain.TotpFactor;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.MfaChallengePort;
import io.userservice.core.port.out.OneTimePasswords;
import io.userservice.core.port.out.OutboxCodeSealer;
import io.userservice.core.port.out.PasskeyPort;
import io.userservice.core.port.out.SecondFactorPort;
import io.userservice.core.port.out.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The second factors of a user and the challenges of sign-ins waiting for them. The authenticator
 * secret is kept sealed under the key-encryption key (when one is configured), bound to its user;
 * recovery codes are kept as digests. A TOTP code counts once per user and time step, and only for
 * steps after the last one used: the store decides that atomically, so a code replayed on another
 * instance fails there too.
 */
final class SecondFactors {

    /** How the challenge of a sign-in can be answered, as {@code methods} lists them. */
    static final String TOTP = "totp";
    static final String RECOVERY_CODE = "recovery_code";
    /** A passkey of the user; offered once two-factor authentication is on and the user has one. */
    static final String WEBAUTHN = "webauthn";

    static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
    static final int MAX_WRONG_CODES = 5;
    static final int RECOVERY_CODES = 10;
    /** Codes of the step before and after the current one count too (clock drift, typing time). */
    private static final int WINDOW_STEPS = 1;

    private final SecondFactorPort factors;
    private final MfaChallengePort challenges;
    private final OneTimePasswords otp;
    private final OutboxCodeSealer sealer;
    private final SecretGenerator secrets;
    private final Clock clock;
    private final PasskeyPort passkeys;

    SecondFactors(SecondFactorPort factors, MfaChallengePort challenges, OneTimePasswords otp,
                  OutboxCodeSealer sealer, SecretGenerator secrets, Clock clock, PasskeyPort passkeys) {
        this.passkeys = passkeys;
        this.factors = factors;
        this.challenges = challenges;
        this.otp = otp;
        this.sealer = sealer;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Whether a sign-in of this user needs a second factor. */
    boolean isOn(long userId) {
        return factors.totp(userId).map(TotpFactor::enabled).orElse(false);
    }

    /** The ways the user can answer a challenge; empty when no factor is on. */
    List<String> methods(long userId) {
        List<String> methods = new ArrayList<>();
        if (isOn(userId)) {
            methods.add(TOTP);
            if (factors.recoveryCodesLeft(userId) > 0) {
                methods.add(RECOVERY_CODE);
            }
            if (hasPasskey(userId)) {
                methods.add(WEBAUTHN);
            }
        }
        return List.copyOf(methods);
    }

    /** Whether the user has a passkey (which answers a challenge only while two-factor authentication is on). */
    boolean hasPasskey(long userId) {
        return !passkeys.listOf(userId).isEmpty();
    }

    int recoveryCodesLeft(long userId) {
        return factors.recoveryCodesLeft(userId);
    }

    /** Starts the challenge of a sign-in whose password was right; returns its token. */
    String challenge(User user, String channel, String deviceId) {
        String token = secrets.newSecret();
        Instant now = clock.instant();
        challenges.save(new MfaChallenge(Digests.sha256(token), user.id(), user.credentialEpoch(), channel, deviceId,
                now, now.plus(CHALLENGE_TTL)));
        return token;
    }

    Optional<MfaChallenge> liveChallenge(String token) {
        return token == null || token.isBlank() ? Optional.empty()
                : challenges.findLive(Digests.sha256(token), clock.instant(), MAX_WRONG_CODES);
    }

    void wrongCode(MfaChallenge challenge) {
        challenges.countFailure(challenge.tokenHash(), MAX_WRONG_CODES);
    }

    boolean consume(MfaChallenge challenge) {
        return challenges.consume(challenge.tokenHash(), clock.instant(), MAX_WRONG_CODES);
    }

    /** A new pending authenticator for the user; returns its plain base32 secret, or empty when one is on. */
    Optional<String> beginTotp(long userId) {
        String secret = otp.newTotpSecret();
        return factors.savePendingTotp(userId, sealer.sealCode(sealingKey(userId), secret), clock.instant())
                ? Optional.of(secret) : Optional.empty();
    }

    /** Turns the pending authenticator on if {@code code} is its current code; false otherwise. */
    boolean confirmTotp(long userId, String code) {
        Optional<TotpFactor> pending = factors.totp(userId).filter(factor -> !factor.enabled());
        if (pending.isEmpty()) {
            return false;
        }
        OptionalLong step = matchingStep(pending.get(), code);
        return step.isPresent() && factors.enableTotp(userId, step.getAsLong(), clock.instant());
    }

    /** Whether {@code code} is a current code of the user's authenticator, used now for the first time. */
    boolean acceptTotp(long userId, String code) {
        Optional<TotpFactor> on = factors.totp(userId).filter(TotpFactor::enabled);
        if (on.isEmpty()) {
            return false;
        }
        OptionalLong step = matchingStep(on.get(), code);
        return step.isPresent() && step.getAsLong() > on.get().lastUsedStep()
                && factors.useTotpStep(userId, step.getAsLong());
    }

    /** Whether {@code code} is an unused recovery code of the user; it is used up if so. */
    boolean acceptRecoveryCode(long userId, String code) {
        String normalised = normalisedRecoveryCode(code);
        return !normalised.isEmpty() && factors.useRecoveryCode(userId, Digests.sha256(normalised), clock.instant());
    }

    /** A new set of recovery codes for the user, replacing the old one; the plain codes, to show once. */
    List<String> newRecoveryCodes(long userId) {
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = otp.newRecoveryCode();
            codes.add(code);
            hashes.add(Digests.sha256(normalisedRecoveryCode(code)));
        }
        factors.replaceRecoveryCodes(userId, hashes, clock.instant());
        return List.copyOf(codes);
    }

    /** Removes every factor of the user; returns whether one was on. */
    boolean removeAll(long userId) {
        return factors.removeAll(userId);
    }

    private OptionalLong matchingStep(TotpFactor factor, String code) {
        String digits = code == null ? "" : code.replace(" ", "");
        if (!digits.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        String secret = sealer.openCode(sealingKey(factor.userId()), factor.storedSecret());
        long now = Math.floorDiv(clock.instant().getEpochSecond(), OneTimePasswords.STEP_SECONDS);
        byte[] given = digits.getBytes(StandardCharsets.US_ASCII);
        OptionalLong found = OptionalLong.empty();
        for (long step = now - WINDOW_STEPS; step <= now + WINDOW_STEPS; step++) {
            byte[] expected = otp.totpCode(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && found.isEmpty()) {
                found = OptionalLong.of(step);
            }
        }
        return found;
    }

    /** Spaces, hyphens and case do not matter when a recovery code is typed in. */
    private static String normalisedRecoveryCode(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    /** The key the stored secret is sealed under (associated data): a secret copied to another user does not open. */
    static String sealingKey(long userId) {
        return "totp-secret:" + userId;
    }
}
