package io.userservice.core.service;

import static io.userservice.core.service.ScriptedPasskeyVerifier.assertion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.InvalidMfaTokenException;
import io.userservice.core.domain.MfaRequiredException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.domain.SignInMethods;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.port.in.CompleteMfaSignInUseCase;
import io.userservice.core.port.in.CompletePortalMfaSignInUseCase;
import io.userservice.core.port.in.DisableTotpUseCase;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import io.userservice.core.port.out.DeviceTokens;
import io.userservice.core.port.out.PasskeyState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A passkey as the second step of a password sign-in: only the challenged user's passkey, signing
 * the WebAuthn challenge issued for this very sign-in challenge, with a user handle that agrees, a
 * signature that verifies and a counter that went up and was not changed meanwhile. Anything else
 * is a wrong answer, audited and counted as such.
 */
class PasskeySecondStepTest {

    private static final ClientAddress ADDRESS = ClientAddress.of("203.0.113.44");

    private final Map<Long, String> secrets = new HashMap<>();
    private final PasskeyState passkeyState = InMemoryPasskeyState.create();
    private final RacingPasskeys passkeys = new RacingPasskeys(passkeyState.passkeys());
    private final RecordingDevices devices = new RecordingDevices();
    private final CoreFixture fixture = new CoreFixture(builder -> builder
            .passkeys(new PasskeyState(passkeys, passkeyState.challenges()), new ScriptedPasskeyVerifier())
            .deviceTokens(devices));
    private final User ann = withMfa(fixture.aConfirmedUser("ann@example.com"));
    private final User bob = withMfa(fixture.aConfirmedUser("bob@example.com"));
    private final String annsHandle = passkeyState.passkeys().userHandle(ann.id(), "handle-of-ann");
    private final String bobsHandle = passkeyState.passkeys().userHandle(bob.id(), "handle-of-bob");

    PasskeySecondStepTest() {
        addPasskey("pk-ann", ann, "cred-ann", 5);
        addPasskey("pk-bob", bob, "cred-bob", 7);
    }

    private User withMfa(User user) {
        String secret = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(user.id()),
                CoreFixture.PASSWORD, ADDRESS)).secret();
        fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(user.id()),
                AuthenticatorApp.code(secret, fixture.clock.instant()), ADDRESS));
        fixture.clock.advance(Duration.ofSeconds(30));
        secrets.put(user.id(), secret);
        return user;
    }

    private void addPasskey(String id, User owner, String credentialId, long signCount) {
        passkeyState.passkeys().add(new Passkey(id, owner.id(), bytes(credentialId), bytes("record"), signCount,
                "laptop", fixture.clock.instant(), null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String passwordStep(String email) {
        return passwordStep(email, null);
    }

    private String passwordStep(String email, String deviceToken) {
        try {
            fixture.core.logIn().logIn(new LogInUseCase.Command(email, CoreFixture.PASSWORD, ADDRESS, deviceToken));
        } catch (MfaRequiredException e) {
            return e.mfaToken();
        }
        throw new AssertionError("the sign-in did not ask for a second factor");
    }

    private String portalPasswordStep() {
        try {
            fixture.core.signInToPortal().signIn(new SignInToPortalUseCase.Command("ann@example.com",
                    CoreFixture.PASSWORD, ADDRESS));
        } catch (MfaRequiredException e) {
            return e.mfaToken();
        }
        throw new AssertionError("the portal did not ask for a second factor");
    }

    private PasskeyRequestOptions options(String mfaToken) {
        return fixture.core.completeMfaSignIn().webauthnOptions(
                new CompleteMfaSignInUseCase.OptionsCommand(mfaToken, ADDRESS));
    }

    private LogInUseCase.Result answer(String mfaToken, String assertion) {
        return fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(mfaToken, null, null,
                assertion, ADDRESS, null));
    }

    private void assertWrongAnswer(String mfaToken, String assertion) {
        assertThatThrownBy(() -> answer(mfaToken, assertion)).isInstanceOf(InvalidMfaCodeException.class);
        assertThat(signIns(ann).get(0).detail()).isEqualTo("wrong passkey assertion");
        assertThat(signIns(ann).get(0).outcome()).isEqualTo(Outcome.DENIED.storedForm());
    }

    private List<AuditEvent> signIns(User user) {
        return audited(user, AuditAction.SIGN_IN);
    }

    private List<AuditEvent> audited(User user, AuditAction action) {
        return fixture.state.auditLog().about(user.id(), 100).stream().map(e -> e.event())
                .filter(e -> e.action().equals(action.storedForm())).toList();
    }

    private long signCountOf(String credentialId) {
        return passkeyState.passkeys().findByCredentialId(bytes(credentialId)).orElseThrow().signCount();
    }

    @Test
    void anotherUsersPasskeyIsAWrongAnswer() {
        String token = passwordStep("ann@example.com");

        assertWrongAnswer(token, assertion(options(token).challenge(), "cred-bob", bobsHandle, 8, "ok"));
        assertWrongAnswer(token, assertion(options(token).challenge(), "cred-bob", annsHandle, 8, "ok"));
        assertThat(signCountOf("cred-bob")).isEqualTo(7);
    }

    @Test
    void aUserHandleOfAnotherUserIsAWrongAnswer() {
        String token = passwordStep("ann@example.com");

        assertWrongAnswer(token, assertion(options(token).challenge(), "cred-ann", bobsHandle, 6, "ok"));
        assertWrongAnswer(token, assertion(options(token).challenge(), "cred-ann", "unknown-handle", 6, "ok"));
        assertThat(signCountOf("cred-ann")).isEqualTo(5);
    }

    @Test
    void anUnknownCredentialIsAWrongAnswer() {
        String token = passwordStep("ann@example.com");

        assertWrongAnswer(token, assertion(options(token).challenge(), "cred-nobody", "-", 6, "ok"));
    }

    @Test
    void aChallengeIssuedForAnotherSignInIsAWrongAnswerAndStaysWithItsOwn() {
        String first = passwordStep("ann@example.com");
        String second = passwordStep("ann@example.com");
        String challengeOfFirst = options(first).challenge();

        assertWrongAnswer(second, assertion(challengeOfFirst, "cred-ann", annsHandle, 6, "ok"));
        assertThat(answer(first, assertion(challengeOfFirst, "cred-ann", annsHandle, 6, "ok")).user().id())
                .isEqualTo(ann.id());
    }

    @Test
    void aChallengeOfAnotherUsersSignInIsAWrongAnswer() {
        String annsToken = passwordStep("ann@example.com");
        String bobsChallenge = options(passwordStep("bob@example.com")).challenge();

        assertWrongAnswer(annsToken, assertion(bobsChallenge, "cred-ann", annsHandle, 6, "ok"));
    }

    @Test
    void aChallengeForAPasswordlessSignInIsNoSecondFactorChallenge() {
        String token = passwordStep("ann@example.com");
        String passwordless = fixture.core.signInWithPasskey().options(
                new SignInWithPasskeyUseCase.OptionsCommand(null, ADDRESS, null)).challenge();

        assertWrongAnswer(token, assertion(passwordless, "cred-ann", annsHandle, 6, "ok"));
    }

    @Test
    void aChallengeIsUsedUpByTheFirstAssertionThatNamesItEvenAWrongOne() {
        String token = passwordStep("ann@example.com");
        String challenge = options(token).challenge();

        assertWrongAnswer(token, assertion(challenge, "cred-ann", annsHandle, 6, "bad"));
        assertWrongAnswer(token, assertion(challenge, "cred-ann", annsHandle, 6, "ok"));
        assertThat(signCountOf("cred-ann")).isEqualTo(5);
    }

    @Test
    void aChallengeThatWasNeverIssuedOrCannotBeReadIsAWrongAnswer() {
        String token = passwordStep("ann@example.com");

        assertWrongAnswer(token, assertion("bmV2ZXItaXNzdWVk", "cred-ann", annsHandle, 6, "ok"));
        assertWrongAnswer(token, "cred-ann|" + annsHandle + "|6|ok");
    }

    @Test
    void aSignatureThatDoesNotVerifyIsAWrongAnswer() {
        String token = passwordStep("ann@example.com");

        assertWrongAnswer(token, assertion(options(token).challenge(), "cred-ann", annsHandle, 6, "bad"));
        assertThat(signCountOf("cred-ann")).isEqualTo(5);
        assertThat(audited(ann, AuditAction.PASSKEY_CLONED)).isEmpty();
    }

    @Test
    void aCounterThatDidNotGoUpIsAuditedAsACloneAndRefused() {
        String token = passwordStep("ann@example.com");

        assertWrongAnswer(token, assertion(options(token).challenge(), "cred-ann", annsHandle, 3, "clone"));
        assertThat(audited(ann, AuditAction.PASSKEY_CLONED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED.storedForm());
            assertThat(e.clientAddress()).isEqualTo("203.0.113.44");
            assertThat(e.detail()).isEqualTo("passkey pk-ann: counter 3 after 5");
        });
        assertThat(signCountOf("cred-ann")).isEqualTo(5);
    }

    @Test
    void aCounterChangedByAnotherSignInMeanwhileIsAuditedAsACloneAndRefused() {
        String token = passwordStep("ann@example.com");
        String assertion = assertion(options(token).challenge(), "cred-ann", annsHandle, 6, "ok");
        passkeys.changeCountOnNextUse();

        assertWrongAnswer(token, assertion);
        assertThat(audited(ann, AuditAction.PASSKEY_CLONED)).singleElement().satisfies(e ->
                assertThat(e.detail()).isEqualTo("passkey pk-ann: counter changed during the sign-in"));
    }

    @Test
    void wrongAssertionsCountAgainstTheChallenge() {
        String token = passwordStep("ann@example.com");
        for (int i = 0; i < SecondFactors.MAX_WRONG_CODES; i++) {
            assertWrongAnswer(token, assertion(options(token).challenge(), "cred-ann", annsHandle, 6, "bad"));
        }

        assertThatThrownBy(() -> options(token)).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void theRightAssertionFinishesTheSignInOnceAndStoresTheNewCounter() {
        String token = passwordStep("ann@example.com");
        fixture.clock.advance(Duration.ofSeconds(5));
        Instant answeredAt = fixture.clock.instant();

        LogInUseCase.Result result = answer(token, assertion(options(token).challenge(), "cred-ann", annsHandle, 9,
                "ok"));

        assertThat(result.user().id()).isEqualTo(ann.id());
        assertThat(result.tokens()).isNotNull();
        Passkey used = passkeyState.passkeys().findByCredentialId(bytes("cred-ann")).orElseThrow();
        assertThat(used.signCount()).isEqualTo(9);
        assertThat(used.lastUsedAt()).isEqualTo(answeredAt);
        assertThat(signIns(ann).get(0).detail()).isEqualTo("second factor: webauthn");
        assertThat(signIns(ann).get(0).outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        assertThat(audited(ann, AuditAction.RECOVERY_CODE_USED)).isEmpty();
        assertThatThrownBy(() -> answer(token, assertion(options(token).challenge(), "cred-ann", annsHandle, 10,
                "ok"))).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void anAssertionWithoutAUserHandleIsJudgedByItsCredential() {
        String token = passwordStep("ann@example.com");

        assertThat(answer(token, assertion(options(token).challenge(), "cred-ann", "-", 6, "ok")).user().id())
                .isEqualTo(ann.id());
    }

    @Test
    void anEmptyUserHandleIsJudgedByItsCredential() {
        String token = passwordStep("ann@example.com");

        assertThat(answer(token, assertion(options(token).challenge(), "cred-ann", "", 6, "ok")).user().id())
                .isEqualTo(ann.id());
    }

    @Test
    void aPasskeyCannotAnswerOnceTheAuthenticatorIsTurnedOffMeanwhile() {
        String token = passwordStep("ann@example.com");
        String challenge = options(token).challenge();
        fixture.core.disableTotp().disable(new DisableTotpUseCase.Command(Caller.user(ann.id()), CoreFixture.PASSWORD,
                AuthenticatorApp.code(secrets.get(ann.id()), fixture.clock.instant()), ADDRESS));

        assertThatThrownBy(() -> answer(token, assertion(challenge, "cred-ann", annsHandle, 6, "ok")))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThat(signCountOf("cred-ann")).isEqualTo(5);
    }

    @Test
    void optionsAreRefusedWhileTheAccountIsThrottled() {
        String token = passwordStep("ann@example.com");
        for (int i = 0; i < 10; i++) {
            try {
                fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com", "wrong " + i, ADDRESS));
            } catch (RuntimeException expected) {
                // counted as a failed sign-in of the account
            }
        }

        assertThatThrownBy(() -> options(token)).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void aPortalSessionStartedWithAPasskeySaysPasswordAndPasskey() {
        String token = portalPasswordStep();
        String challenge = fixture.core.completePortalMfaSignIn().webauthnOptions(
                new CompletePortalMfaSignInUseCase.OptionsCommand(token, ADDRESS, false)).challenge();

        String session = fixture.core.completePortalMfaSignIn().complete(new CompletePortalMfaSignInUseCase.Command(
                token, null, null, assertion(challenge, "cred-ann", annsHandle, 6, "ok"), ADDRESS, false))
                .sessionSecret();

        assertThat(fixture.state.portalSessions().find(Digests.sha256(session)).orElseThrow().amr())
                .isEqualTo(SignInMethods.PASSWORD_AND_PASSKEY);
    }

    @Test
    void aFinishedSignInShowsNoDeviceTokenInItsText() {
        SecondFactorSignIn.Completed done = new SecondFactorSignIn.Completed(ann, "device-secret", true);

        assertThat(done).hasToString("Completed[" + ann + "]");
        assertThat(done.methods()).isEqualTo(SignInMethods.PASSWORD_AND_PASSKEY);
    }

    @Test
    void optionsListOnlyTheChallengedUsersPasskeys() {
        addPasskey("pk-ann-2", ann, "cred-ann-2", 0);

        PasskeyRequestOptions options = options(passwordStep("ann@example.com"));

        assertThat(options.allowCredentialIds()).containsExactlyInAnyOrder(
                passkeyState.passkeys().findByCredentialId(bytes("cred-ann")).orElseThrow().credentialIdText(),
                passkeyState.passkeys().findByCredentialId(bytes("cred-ann-2")).orElseThrow().credentialIdText());
        assertThat(options.rpId()).isEqualTo("login.example.com");
        assertThat(options.timeout()).isEqualTo(PasskeyChallenges.TTL);
        assertThat(options.challenge()).isNotEqualTo(options(passwordStep("ann@example.com")).challenge());
    }

    @Test
    void optionsNeedAPasskeyOfTheUser() {
        withMfa(fixture.aConfirmedUser("cy@example.com"));

        assertThatThrownBy(() -> options(passwordStep("cy@example.com")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("mfaToken"));
    }

    @Test
    void optionsNeedALiveChallengeOfTheirOwnChannel() {
        String portal = portalPasswordStep();

        assertThatThrownBy(() -> options(portal)).isInstanceOf(InvalidMfaTokenException.class);
        assertThatThrownBy(() -> options("not-a-challenge")).isInstanceOf(InvalidMfaTokenException.class);
        String token = passwordStep("ann@example.com");
        fixture.clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> options(token)).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void aSignInBegunOnAKnownDeviceKeepsNamingThatDevice() {
        String begun = passwordStep("ann@example.com");
        String first = answer(begun, assertion(options(begun).challenge(), "cred-ann", annsHandle, 6, "ok"))
                .deviceToken();
        String firstDevice = devices.issued.get(devices.issued.size() - 1);
        assertThat(firstDevice).isNotNull();

        String token = passwordStep("ann@example.com", first);
        answer(token, assertion(options(token).challenge(), "cred-ann", annsHandle, 7, "ok"));
        assertThat(devices.issued.get(devices.issued.size() - 1)).isEqualTo(firstDevice);

        String elsewhere = passwordStep("ann@example.com");
        answer(elsewhere, assertion(options(elsewhere).challenge(), "cred-ann", annsHandle, 8, "ok"));
        assertThat(devices.issued.get(devices.issued.size() - 1)).isNotNull().isNotEqualTo(firstDevice);
    }

    /** Device tokens that say in plain text which account and device they name, and remember each device id issued. */
    private static final class RecordingDevices implements DeviceTokens {
        private final List<String> issued = new ArrayList<>();

        @Override
        public String issue(String accountKey, String deviceId, Instant issuedAt, Instant expiresAt) {
            issued.add(deviceId);
            return accountKey + "|" + deviceId;
        }

        @Override
        public Optional<String> deviceOf(String token, String accountKey) {
            return token.startsWith(accountKey + "|") ? Optional.of(token.substring(accountKey.length() + 1))
                    : Optional.empty();
        }
    }
}
