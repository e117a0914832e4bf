package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidPasskeyException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyCreationOptions;
import io.userservice.core.domain.ReauthenticationRequiredException;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.RegisterPasskeyUseCase;
import io.userservice.core.port.in.RegisterPasskeyUseCase.OptionsCommand;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.port.out.PasskeyState;
import io.userservice.core.port.out.PasskeyVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Registering a passkey: the options need the password again or a sign-in at most five minutes
 * old (and not from the future), never an impersonation token; the response must name a live,
 * unused registration challenge issued to this very user and verify; a credential is registered
 * once. Every refusal and success is audited for the user.
 */
class RegisterPasskeyServiceTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("192.0.2.7");

    private final PasskeyState passkeyState = InMemoryPasskeyState.create();
    private final CoreFixture fixture = new CoreFixture(b -> b.passkeys(passkeyState, new RegisteringVerifier()));
    private final User ann = fixture.aConfirmedUser("ann@example.com");
    private final User bob = fixture.aConfirmedUser("bob@example.com");

    /**
     * Registration responses as plain text, {@code challenge|credentialId|verdict}: the challenge as
     * the browser echoes it (unpadded base64url), and {@code ok} when the response verifies.
     */
    private static final class RegisteringVerifier implements PasskeyVerifier {

        @Override
        public String rpId() {
            return "login.example.com";
        }

        @Override
        public byte[] registrationChallengeOf(String responseJson) {
            try {
                return Base64.getUrlDecoder().decode(fields(responseJson)[0]);
            } catch (IllegalArgumentException e) {
                throw new InvalidPasskeyException();
            }
        }

        @Override
        public NewCredential verifyRegistration(String responseJson, byte[] challenge) {
            String[] parts = fields(responseJson);
            if (!parts[2].equals("ok") || !Arrays.equals(challenge, Base64.getUrlDecoder().decode(parts[0]))) {
                throw new InvalidPasskeyException();
            }
            return new NewCredential(bytes(parts[1]), bytes("record of " + parts[1]), 7);
        }

        @Override
        public AssertionClaim readAssertion(String responseJson) {
            throw new InvalidPasskeyException();
        }

        @Override
        public long verifyAssertion(String responseJson, byte[] challenge, byte[] credentialRecord, long storedCount) {
            throw new InvalidPasskeyException();
        }

        private static String[] fields(String text) {
            String[] parts = text == null ? new String[0] : text.split("\\|", -1);
            if (parts.length != 3) {
                throw new InvalidPasskeyException();
            }
            return parts;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(text));
    }

    private Instant now() {
        return fixture.clock.instant();
    }

    private PasskeyCreationOptions options(Caller caller, Instant authTime, String password) {
        return fixture.core.registerPasskey().options(new OptionsCommand(caller, authTime, password, ADDRESS));
    }

    private String challengeFor(User user) {
        return options(Caller.user(user.id()), now(), null).challenge();
    }

    private Passkey register(Caller caller, String response, String name) {
        return fixture.core.registerPasskey().register(new RegisterPasskeyUseCase.Command(caller, response, name,
                ADDRESS));
    }

    private static String response(String challenge, String credentialId, String verdict) {
        return String.join("|", challenge, credentialId, verdict);
    }

    private List<AuditEvent> audited() {
        return fixture.audited(AuditAction.PASSKEY_REGISTERED);
    }

    private void assertOnlyAudit(Long actorId, Long subjectId, Outcome outcome, String detail) {
        assertThat(audited()).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo(actorId);
            assertThat(e.subjectId()).isEqualTo(subjectId);
            assertThat(e.outcome()).isEqualTo(outcome.storedForm());
            assertThat(e.detail()).isEqualTo(detail);
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
        });
    }

    private void assertRefusedAsUnverified(Caller caller, String response) {
        assertThatThrownBy(() -> register(caller, response, null)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("invalid_passkey"));
    }

    private static String code(Throwable e) {
        return ((InvalidInputException) e).code();
    }

    @Test
    void anImpersonationTokenGetsNoOptionsEvenWithThePassword() {
        Caller impersonation = new Caller(ann.id(), bob.id());

        assertThatThrownBy(() -> options(impersonation, now(), CoreFixture.PASSWORD))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("A token minted on someone's behalf cannot register a passkey.");

        assertOnlyAudit(bob.id(), ann.id(), Outcome.DENIED, "caller used an impersonation token");
    }

    @Test
    void anImpersonationTokenRegistersNothingEvenWithAValidResponse() {
        String challenge = challengeFor(ann);

        assertThatThrownBy(() -> register(new Caller(ann.id(), bob.id()), response(challenge, "cred-1", "ok"), null))
                .isInstanceOf(AccessDeniedException.class);

        assertOnlyAudit(bob.id(), ann.id(), Outcome.DENIED, "caller used an impersonation token");
        assertThat(passkeyState.passkeys().listOf(ann.id())).isEmpty();
        assertThat(register(Caller.user(ann.id()), response(challenge, "cred-1", "ok"), null).userId())
                .as("the challenge was not used up").isEqualTo(ann.id());
    }

    @Test
    void withoutAPasswordAndWithoutASignInTimeReauthenticationIsRequired() {
        assertThatThrownBy(() -> options(Caller.user(ann.id()), null, null))
                .isInstanceOf(ReauthenticationRequiredException.class);

        assertOnlyAudit(ann.id(), ann.id(), Outcome.DENIED, "no password and no recent sign-in");
    }

    @Test
    void aSignInExactlyFiveMinutesAgoIsFreshAndOneASecondOlderIsNot() {
        assertThat(options(Caller.user(ann.id()), now().minus(RegisterPasskeyUseCase.FRESH_SIGN_IN), null)
                .challenge()).isNotBlank();

        assertThatThrownBy(() -> options(Caller.user(ann.id()),
                now().minus(RegisterPasskeyUseCase.FRESH_SIGN_IN).minusSeconds(1), null))
                .isInstanceOf(ReauthenticationRequiredException.class);
        assertThat(audited()).singleElement().extracting(AuditEvent::detail)
                .isEqualTo("no password and no recent sign-in");
    }

    @Test
    void aSignInUpToThirtySecondsAheadIsToleratedButNotFurther() {
        assertThat(options(Caller.user(ann.id()), now().plusSeconds(30), null).challenge()).isNotBlank();

        assertThatThrownBy(() -> options(Caller.user(ann.id()), now().plusSeconds(31), null))
                .isInstanceOf(ReauthenticationRequiredException.class);
    }

    @Test
    void aWrongPasswordIsRefusedEvenWithAFreshSignIn() {
        assertThatThrownBy(() -> options(Caller.user(ann.id()), now(), "not the password"))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void theRightPasswordStandsInForAFreshSignIn() {
        PasskeyCreationOptions options = options(Caller.user(ann.id()), now().minus(Duration.ofDays(1)),
                CoreFixture.PASSWORD);

        assertThat(options.userName()).isEqualTo("ann@example.com");
        assertThat(register(Caller.user(ann.id()), response(options.challenge(), "cred-1", "ok"), null).userId())
                .isEqualTo(ann.id());
    }

    @Test
    void aFreshTokenOfAUserWhoIsGoneIsRefusedAsAnInvalidToken() {
        fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(Caller.user(ann.id()), ann.id(),
                CoreFixture.PASSWORD, ClientAddress.unknown()));

        assertThatThrownBy(() -> options(Caller.user(ann.id()), now(), null))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("The user of this token no longer exists.");
    }

    @Test
    void optionsNameTheRelyingPartyTheUserAndTheirPasskeysAlready() {
        PasskeyCreationOptions first = options(Caller.user(ann.id()), now(), null);
        register(Caller.user(ann.id()), response(first.challenge(), "cred-1", "ok"), null);

        PasskeyCreationOptions options = options(Caller.user(ann.id()), now(), null);

        assertThat(options.rpId()).isEqualTo("login.example.com");
        assertThat(options.rpName()).isEqualTo("User Service");
        assertThat(options.userName()).isEqualTo("ann@example.com");
        assertThat(options.userDisplayName()).isEqualTo("ann@example.com");
        assertThat(options.userHandle()).isEqualTo(first.userHandle())
                .isEqualTo(base64Url(passkeyState.passkeys().userHandle(ann.id(), "another candidate")))
                .isNotEqualTo(options(Caller.user(bob.id()), now(), null).userHandle());
        assertThat(options.excludeCredentialIds()).containsExactly(base64Url("cred-1"));
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.challenge()).isNotEqualTo(first.challenge());
    }

    @Test
    void theDisplayNameIsTheFullNameOrWhatThereIsOfItOrTheEmail() {
        assertThat(displayNameWith("Ann", "Lee")).isEqualTo("Ann Lee");
        assertThat(displayNameWith("Ann", null)).isEqualTo("Ann");
        assertThat(displayNameWith(null, "Lee")).isEqualTo("Lee");
        assertThat(displayNameWith(null, null)).isEqualTo("ann@example.com");
    }

    private String displayNameWith(String firstname, String lastname) {
        fixture.core.updateName().updateName(new UpdateNameUseCase.Command(ann.id(), firstname, lastname));
        return options(Caller.user(ann.id()), now(), null).userDisplayName();
    }

    @Test
    void aValidResponseRegistersThePasskeyUnderTheDefaultName() {
        fixture.clock.advance(Duration.ofMinutes(1));
        Instant at = now();
        String challenge = challengeFor(ann);

        Passkey passkey = register(Caller.user(ann.id()), response(challenge, "cred-1", "ok"), null);

        assertThat(passkey.userId()).isEqualTo(ann.id());
        assertThat(passkey.name()).isEqualTo("Passkey");
        assertThat(passkey.credentialId()).isEqualTo(bytes("cred-1"));
        assertThat(passkey.credentialRecord()).isEqualTo(bytes("record of cred-1"));
        assertThat(passkey.signCount()).isEqualTo(7);
        assertThat(passkey.createdAt()).isEqualTo(at);
        assertThat(passkey.lastUsedAt()).isNull();
        assertThat(passkeyState.passkeys().listOf(ann.id())).containsExactly(passkey);
        assertOnlyAudit(ann.id(), ann.id(), Outcome.SUCCESS, passkey.id());
    }

    @Test
    void aGivenNameIsTrimmedAndABadOneRefusedBeforeTheChallengeIsUsed() {
        String challenge = challengeFor(ann);

        assertThatThrownBy(() -> register(Caller.user(ann.id()), response(challenge, "cred-1", "ok"), "  "))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(code(e)).isEqualTo("invalid_name"));

        assertThat(register(Caller.user(ann.id()), response(challenge, "cred-1", "ok"), "  Laptop ").name())
                .isEqualTo("Laptop");
    }

    @Test
    void aChallengeIssuedToAnotherUserRegistersNothing() {
        String bobsChallenge = challengeFor(bob);

        assertRefusedAsUnverified(Caller.user(ann.id()), response(bobsChallenge, "cred-1", "ok"));

        assertOnlyAudit(ann.id(), ann.id(), Outcome.DENIED, "response did not verify");
        assertThat(passkeyState.passkeys().listOf(ann.id())).isEmpty();
        assertThat(register(Caller.user(bob.id()), response(bobsChallenge, "cred-1", "ok"), null).userId())
                .as("still bob's to use").isEqualTo(bob.id());
    }

    @Test
    void aSignInChallengeRegistersNothing() {
        String signInChallenge = fixture.core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand(null, ADDRESS, null)).challenge();

        assertRefusedAsUnverified(Caller.user(ann.id()), response(signInChallenge, "cred-1", "ok"));
    }

    @Test
    void aChallengeIsUsedOnceEvenByItsOwner() {
        String challenge = challengeFor(ann);
        register(Caller.user(ann.id()), response(challenge, "cred-1", "ok"), null);

        assertRefusedAsUnverified(Caller.user(ann.id()), response(challenge, "cred-2", "ok"));

        assertThat(passkeyState.passkeys().listOf(ann.id())).hasSize(1);
    }

    @Test
    void aChallengeExpiresFiveMinutesAfterTheOptions() {
        String challenge = challengeFor(ann);
        fixture.clock.advance(PasskeyChallenges.TTL);

        assertRefusedAsUnverified(Caller.user(ann.id()), response(challenge, "cred-1", "ok"));
    }

    @Test
    void aResponseThatDoesNotVerifyUsesUpItsChallenge() {
        String challenge = challengeFor(ann);

        assertRefusedAsUnverified(Caller.user(ann.id()), response(challenge, "cred-1", "bad"));
        assertRefusedAsUnverified(Caller.user(ann.id()), response(challenge, "cred-1", "ok"));
        assertRefusedAsUnverified(Caller.user(ann.id()), "not a response");

        assertThat(audited()).hasSize(3).extracting(AuditEvent::detail).containsOnly("response did not verify");
        assertThat(passkeyState.passkeys().listOf(ann.id())).isEmpty();
    }

    @Test
    void aCredentialIsRegisteredOnceWhoeverPresentsItAgain() {
        register(Caller.user(ann.id()), response(challengeFor(ann), "cred-1", "ok"), null);
        String bobsChallenge = challengeFor(bob);

        assertThatThrownBy(() -> register(Caller.user(bob.id()), response(bobsChallenge, "cred-1", "ok"), null))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("passkey_already_registered"));

        assertThat(audited()).first().satisfies(e -> {
            assertThat(e.subjectId()).isEqualTo(bob.id());
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.detail()).isEqualTo("credential already registered");
        });
        assertThat(passkeyState.passkeys().listOf(bob.id())).isEmpty();
        assertThat(passkeyState.passkeys().listOf(ann.id())).hasSize(1);
    }
}
