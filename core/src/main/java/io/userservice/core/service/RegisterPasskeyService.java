package io.userservice.core.service;

import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyChallenge;
import io.userservice.core.domain.PasskeyCreationOptions;
import io.userservice.core.domain.ReauthenticationRequiredException;
import io.userservice.core.domain.User;
import io.userservice.core.port.in.RegisterPasskeyUseCase;
import io.userservice.core.port.out.PasskeyPort;
import io.userservice.core.port.out.PasskeyVerifier;
import io.userservice.core.port.out.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

final class RegisterPasskeyService implements RegisterPasskeyUseCase {

    static final String DEFAULT_NAME = "Passkey";

    private final Users users;
    private final Credentials credentials;
    private final AccountOwners owners;
    private final PasskeyPort passkeys;
    private final PasskeyChallenges challenges;
    private final PasskeyVerifier verifier;
    private final SecretGenerator secrets;
    private final String rpName;
    private final Clock clock;
    private final AuditTrail audit;

    RegisterPasskeyService(Users users, Credentials credentials, AccountOwners owners, PasskeyPort passkeys,
                           PasskeyChallenges challenges, PasskeyVerifier verifier, SecretGenerator secrets,
                           String rpName, Clock clock, AuditTrail audit) {
        this.users = users;
        this.credentials = credentials;
        this.owners = owners;
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.verifier = verifier;
        this.secrets = secrets;
        this.rpName = rpName;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public PasskeyCreationOptions options(OptionsCommand command) {
        Caller caller = command.caller();
        owners.refuseImpersonation(AuditAction.PASSKEY_REGISTERED, caller, command.clientAddress(),
                "register a passkey");
        long userId = caller.userId();
        User user;
        if (command.password() != null) {
            user = credentials.reverify(userId, command.password(), command.clientAddress(),
                    AuditAction.PASSKEY_REGISTERED);
        } else if (isFresh(command.authTime())) {
            user = users.byId(userId).orElseThrow(() -> new InvalidTokenException(
                    "The user of this token no longer exists."));
        } else {
            audit.self(AuditAction.PASSKEY_REGISTERED, userId, command.clientAddress(), Outcome.DENIED,
                    "no password and no recent sign-in");
            throw new ReauthenticationRequiredException();
        }
        String handle = passkeys.userHandle(userId, secrets.newSecret());
        String challenge = challenges.issue(PasskeyChallenge.Purpose.REGISTRATION, userId);
        String name = user.email().value();
        String displayName = displayName(user);
        return new PasskeyCreationOptions(verifier.rpId(), rpName, challenge,
                PasskeyChallenges.base64Url(handle.getBytes(StandardCharsets.US_ASCII)), name,
                displayName, passkeys.listOf(userId).stream().map(Passkey::credentialIdText).toList(),
                PasskeyChallenges.TTL);
    }

    private boolean isFresh(Instant authTime) {
        if (authTime == null) {
            return false;
        }
        Instant now = clock.instant();
        return !authTime.isBefore(now.minus(FRESH_SIGN_IN)) && !authTime.isAfter(now.plusSeconds(30));
    }

    private static String displayName(User user) {
        String full = ((user.firstname() == null ? "" : user.firstname()) + " "
                + (user.lastname() == null ? "" : user.lastname())).strip();
        return full.isEmpty() ? user.email().value() : full;
    }

    @Override
    public Passkey register(Command command) {
        Caller caller = command.caller();
        ClientAddress address = command.clientAddress();
        owners.refuseImpersonation(AuditAction.PASSKEY_REGISTERED, caller, address, "register a passkey");
        long userId = caller.userId();
        String name = command.name() == null ? DEFAULT_NAME : Passkey.checkedName(command.name());
        PasskeyVerifier.NewCredential credential;
        try {
            byte[] challenge = verifier.registrationChallengeOf(command.responseJson());
            if (!challenges.consume(challenge, PasskeyChallenge.Purpose.REGISTRATION, userId)) {
                throw new InvalidPasskeyException();
            }
            credential = verifier.verifyRegistration(command.responseJson(), challenge);
        } catch (InvalidPasskeyException e) {
            audit.self(AuditAction.PASSKEY_REGISTERED, userId, address, Outcome.DENIED, "response did not verify");
            throw new InvalidInputException("invalid_passkey", "credential",
                    "The passkey could not be verified; ask for new options and try again.");
        }
        Passkey passkey = new Passkey(UUID.randomUUID().toString(), userId, credential.credentialId(),
                credential.credentialRecord(), credential.signCount(), name, clock.instant(), null);
        if (!passkeys.add(passkey)) {
            audit.self(AuditAction.PASSKEY_REGISTERED, userId, address, Outcome.DENIED,
                    "credential already registered");
            throw new InvalidInputException("passkey_already_registered", "credential",
                    "This passkey is registered already.");
        }
        audit.self(AuditAction.PASSKEY_REGISTERED, userId, address, Outcome.SUCCESS, passkey.id());
        return passkey;
    }
}
