package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.crypto.KeyEncryption;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidMfaCodeException;
import io.userservice.core.domain.InvalidMfaTokenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.MfaRequiredException;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.SecondFactorRequiredException;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookEventType;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.CompleteMfaSignInUseCase;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.CompletePortalMfaSignInUseCase;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.DisableTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.GetMfaStatusUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RenewRecoveryCodesUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.ResetMfaUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Two-factor authentication with an authenticator app and recovery codes, end to end in the core.
 * The codes come from a second, independent TOTP implementation, as a phone's app would make them.
 */
class SecondFactorTest {

    private static final String PASSWORD = CoreFixture.PASSWORD;
    private static final String ADDRESS = "203.0.113.9";

    private final CoreFixture fixture = new CoreFixture();
    private final User ann = fixture.aConfirmedUser("ann@example.com");

    {
        fixture.core.administerWebhooks().create(Caller.operator(), new AdministerWebhooksUseCase.Settings(
                "https://hooks.example.com/", List.of("mfa.enabled", "mfa.disabled"), null), ClientAddress.unknown());
    }

    /** The events queued for webhooks, in order (each delivered, so the next one is due). */
    private List<WebhookEventType> webhookEvents() {
        return QueuedWebhookEvents.reading(fixture).drainTypes();
    }

    private String secret;
    private List<String> recoveryCodes;

    private String codeAt(Instant at) {
        return AuthenticatorApp.code(secret, at);
    }

    private String currentCode() {
        return codeAt(fixture.clock.instant());
    }

    /** Moves to the next 30-second step, so the app shows a new code. */
    private void nextStep() {
        fixture.clock.advance(Duration.ofSeconds(30));
    }

    private void turnOn(User user) {
        secret = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(user.id()), PASSWORD,
                ClientAddress.of(ADDRESS))).secret();
        recoveryCodes = fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(user.id()),
                currentCode(), ClientAddress.of(ADDRESS)));
        nextStep();
    }

    private MfaRequiredException passwordStep(String email) {
        try {
            fixture.core.logIn().logIn(new LogInUseCase.Command(email, PASSWORD, ClientAddress.of(ADDRESS)));
        } catch (MfaRequiredException e) {
            return e;
        }
        throw new AssertionError("the sign-in did not ask for a second factor");
    }

    private LogInUseCase.Result codeStep(String token, String code) {
        return fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(token, code, null,
                ClientAddress.of(ADDRESS), null));
    }

    private LogInUseCase.Result recoveryStep(String token, String code) {
        return fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(token, null, code,
                ClientAddress.of(ADDRESS), null));
    }

    private List<AuditEvent> auditOf(User user) {
        return fixture.state.auditLog().about(user.id(), 100).stream().map(e -> e.event()).toList();
    }

    @Test
    void enrolmentNeedsThePasswordAndIsPendingUntilACodeConfirmsIt() {
        assertThatThrownBy(() -> fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(ann.id()),
                "wrong password", ClientAddress.of(ADDRESS)))).isInstanceOf(InvalidCredentialsException.class);

        EnrolTotpUseCase.Enrolment enrolment = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(
                Caller.user(ann.id()), PASSWORD, ClientAddress.of(ADDRESS)));

        assertThat(enrolment.accountName()).isEqualTo("ann@example.com");
        assertThat(fixture.core.mfaStatus().status(ann.id())).isEqualTo(new GetMfaStatusUseCase.Status(false, false,
                true, 0, List.of()));
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com", PASSWORD, ClientAddress.unknown())).tokens())
                .as("a pending authenticator does not guard sign-ins yet").isNotNull();
    }

    @Test
    void aWrongCodeDoesNotConfirmTheEnrolment() {
        secret = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(ann.id()), PASSWORD,
                ClientAddress.of(ADDRESS))).secret();

        assertThatThrownBy(() -> fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(
                Caller.user(ann.id()), codeAt(fixture.clock.instant().minusSeconds(300)), ClientAddress.of(ADDRESS))))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThat(fixture.core.mfaStatus().status(ann.id()).enabled()).isFalse();
    }

    @Test
    void confirmingTurnsMfaOnWithTenRecoveryCodesANoticeAWebhookEventAndAnAuditEvent() {
        turnOn(ann);

        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
        assertThat(fixture.core.mfaStatus().status(ann.id())).isEqualTo(new GetMfaStatusUseCase.Status(true, true,
                false, 10, List.of("totp", "recovery_code")));
        assertThat(fixture.sent()).extracting(RecordingUserNotifier.Notification::kind)
                .contains(MailKind.MFA_ENABLED_NOTICE);
        assertThat(auditOf(ann)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.MFA_ENABLED.storedForm());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        });
        assertThat(webhookEvents()).contains(WebhookEventType.MFA_ENABLED);
    }

    @Test
    void aSecondEnrolmentIsRefusedWhileOneIsOn() {
        turnOn(ann);

        assertThatThrownBy(() -> fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(ann.id()),
                PASSWORD, ClientAddress.of(ADDRESS)))).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "mfa_already_enabled");
    }

    @Test
    void theRightPasswordGivesAChallengeAndNoTokensTheWrongOneFailsAsBefore() {
        turnOn(ann);

        MfaRequiredException challenge = passwordStep("ann@example.com");

        assertThat(challenge.code()).isEqualTo("mfa_required");
        assertThat(challenge.mfaToken()).isNotBlank();
        assertThat(challenge.methods()).containsExactly("totp", "recovery_code");
        assertThatThrownBy(() -> fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com", "not it", ClientAddress.unknown())))
                .isExactlyInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void aCurrentCodeFinishesTheSignInOnce() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();

        LogInUseCase.Result result = codeStep(token, currentCode());

        assertThat(result.user().id()).isEqualTo(ann.id());
        assertThat(fixture.core.authenticate().authenticate(result.tokens().accessToken()).userId())
                .isEqualTo(ann.id());
        nextStep();
        assertThatThrownBy(() -> codeStep(token, currentCode())).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void codesOfTheStepBeforeAndAfterCountButNotFurther() {
        turnOn(ann);

        assertThat(codeStep(passwordStep("ann@example.com").mfaToken(),
                codeAt(fixture.clock.instant().plusSeconds(30)))).isNotNull();
        fixture.clock.advance(Duration.ofSeconds(90));
        assertThat(codeStep(passwordStep("ann@example.com").mfaToken(),
                codeAt(fixture.clock.instant().minusSeconds(30)))).isNotNull();
        nextStep();
        String token = passwordStep("ann@example.com").mfaToken();
        assertThatThrownBy(() -> codeStep(token, codeAt(fixture.clock.instant().minusSeconds(60))))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> codeStep(token, codeAt(fixture.clock.instant().plusSeconds(60))))
                .isInstanceOf(InvalidMfaCodeException.class);
    }

    @Test
    void aCodeIsAcceptedOncePerStepEvenOnAnotherChallenge() {
        turnOn(ann);
        String code = currentCode();
        codeStep(passwordStep("ann@example.com").mfaToken(), code);

        String second = passwordStep("ann@example.com").mfaToken();

        assertThatThrownBy(() -> codeStep(second, code)).isInstanceOf(InvalidMfaCodeException.class);
        nextStep();
        assertThat(codeStep(second, currentCode())).isNotNull();
    }

    @Test
    void theCodeThatConfirmedTheEnrolmentCannotSignIn() {
        secret = fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(ann.id()), PASSWORD,
                ClientAddress.of(ADDRESS))).secret();
        String code = currentCode();
        fixture.core.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(ann.id()), code, ClientAddress.of(ADDRESS)));

        String token = passwordStep("ann@example.com").mfaToken();

        assertThatThrownBy(() -> codeStep(token, code)).isInstanceOf(InvalidMfaCodeException.class);
    }

    @Test
    void fiveWrongCodesKillTheChallenge() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> codeStep(token, "000000")).isInstanceOf(InvalidMfaCodeException.class);
        }

        assertThatThrownBy(() -> codeStep(token, currentCode())).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void wrongCodesCountInTheAccountsSignInLimit() {
        turnOn(ann);
        List<Class<?>> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String token = passwordStep("ann@example.com").mfaToken();
            for (int j = 0; j < 4; j++) {
                try {
                    codeStep(token, "000000");
                } catch (RuntimeException e) {
                    failures.add(e.getClass());
                }
            }
        }

        assertThat(failures).contains(InvalidMfaCodeException.class);
        assertThat(failures).last().isEqualTo(TooManyRequestsException.class);
    }

    @Test
    void theChallengeLivesFiveMinutes() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();

        fixture.clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> codeStep(token, currentCode())).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void aTokenOfAnotherKindIsNoChallenge() {
        turnOn(ann);
        LogInUseCase.Result signedIn = codeStep(passwordStep("ann@example.com").mfaToken(), currentCode());
        nextStep();

        assertThatThrownBy(() -> codeStep(signedIn.tokens().accessToken(), currentCode()))
                .isInstanceOf(InvalidMfaTokenException.class);
        assertThatThrownBy(() -> codeStep(signedIn.tokens().refreshToken(), currentCode()))
                .isInstanceOf(InvalidMfaTokenException.class);
        assertThatThrownBy(() -> codeStep(null, currentCode())).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void aPasswordResetBetweenTheStepsMakesTheChallengeFail() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ann@example.com", ClientAddress.unknown()));
        String resetCode = fixture.lastCode(MailKind.PASSWORD_RESET, "ann@example.com").orElseThrow();
        fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(resetCode,
                "a brand new password", ClientAddress.unknown()));

        assertThatThrownBy(() -> codeStep(token, currentCode())).isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void aRecoveryCodeWorksOnceWithANoticeAndInAnyCaseOrSpacing() {
        turnOn(ann);
        String code = recoveryCodes.get(3);

        LogInUseCase.Result result = recoveryStep(passwordStep("ann@example.com").mfaToken(),
                " " + code.toUpperCase(Locale.ROOT).replace("-", " ") + " ");

        assertThat(result.tokens()).isNotNull();
        assertThat(fixture.core.mfaStatus().status(ann.id()).recoveryCodesLeft()).isEqualTo(9);
        assertThat(fixture.sent()).extracting(RecordingUserNotifier.Notification::kind)
                .contains(MailKind.RECOVERY_CODE_USED_NOTICE);
        assertThat(auditOf(ann)).extracting(AuditEvent::action).contains(AuditAction.RECOVERY_CODE_USED.storedForm());
        String again = passwordStep("ann@example.com").mfaToken();
        assertThatThrownBy(() -> recoveryStep(again, code)).isInstanceOf(InvalidMfaCodeException.class);
    }

    @Test
    void onlyOneAnswerAtATime() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();

        assertThatThrownBy(() -> fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(
                token, currentCode(), recoveryCodes.get(0), ClientAddress.unknown(), null))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(
                token, null, null, ClientAddress.unknown(), null))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void passwordOnlyChannelsRefuseAnAccountWithMfaOnAfterTheRightPasswordOnly() {
        turnOn(ann);

        assertThatThrownBy(() -> fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command(
                "ann@example.com", PASSWORD, ClientAddress.of(ADDRESS)))).isInstanceOf(SecondFactorRequiredException.class);
        assertThatThrownBy(() -> fixture.core.issuePortalToken().issue(new IssuePortalTokenUseCase.Command(
                "ann@example.com", PASSWORD, 10, ClientAddress.unknown()))).isInstanceOf(SecondFactorRequiredException.class);
        assertThatThrownBy(() -> fixture.core.verifyCredentials().verify(new VerifyCredentialsUseCase.Command(
                "ann@example.com", "not it", ClientAddress.of(ADDRESS)))).isExactlyInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void thePortalAsksForTheCodeOnItsOwnChallenge() {
        turnOn(ann);
        MfaRequiredException portal = catchMfa(() -> fixture.core.signInToPortal().signIn(
                new SignInToPortalUseCase.Command("ann@example.com", PASSWORD, ClientAddress.of(ADDRESS))));

        assertThatThrownBy(() -> codeStep(portal.mfaToken(), currentCode()))
                .as("a portal challenge is not answered on the API").isInstanceOf(InvalidMfaTokenException.class);
        assertThatThrownBy(() -> fixture.core.completePortalMfaSignIn().complete(
                new CompletePortalMfaSignInUseCase.Command(portal.mfaToken(), currentCode(), null, ClientAddress.of(ADDRESS), true)))
                .as("nor on the OpenID Connect page").isInstanceOf(InvalidMfaTokenException.class);
        assertThat(fixture.core.completePortalMfaSignIn().complete(new CompletePortalMfaSignInUseCase.Command(
                portal.mfaToken(), currentCode(), null, ClientAddress.of(ADDRESS), false)).sessionSecret()).isNotBlank();
        String nativeToken = passwordStep("ann@example.com").mfaToken();
        nextStep();
        assertThatThrownBy(() -> fixture.core.completePortalMfaSignIn().complete(
                new CompletePortalMfaSignInUseCase.Command(nativeToken, currentCode(), null, ClientAddress.of(ADDRESS), false)))
                .isInstanceOf(InvalidMfaTokenException.class);
    }

    @Test
    void turningOffNeedsThePasswordAndACodeAndRemovesEverything() {
        turnOn(ann);
        Caller self = Caller.user(ann.id());
        assertThatThrownBy(() -> fixture.core.disableTotp().disable(new DisableTotpUseCase.Command(self, PASSWORD,
                "000000", ClientAddress.of(ADDRESS)))).isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> fixture.core.disableTotp().disable(new DisableTotpUseCase.Command(self, "not it",
                currentCode(), ClientAddress.of(ADDRESS)))).isInstanceOf(InvalidCredentialsException.class);

        fixture.core.disableTotp().disable(new DisableTotpUseCase.Command(self, PASSWORD, currentCode(), ClientAddress.of(ADDRESS)));

        assertThat(fixture.core.mfaStatus().status(ann.id())).isEqualTo(new GetMfaStatusUseCase.Status(false, false,
                false, 0, List.of()));
        assertThat(fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com", PASSWORD, ClientAddress.unknown())).tokens())
                .isNotNull();
        assertThat(fixture.sent()).extracting(RecordingUserNotifier.Notification::kind)
                .contains(MailKind.MFA_DISABLED_NOTICE);
        assertThat(webhookEvents()).contains(WebhookEventType.MFA_DISABLED);
    }

    @Test
    void aRecoveryCodeCanTurnMfaOff() {
        turnOn(ann);

        fixture.core.disableTotp().disable(new DisableTotpUseCase.Command(Caller.user(ann.id()), PASSWORD,
                recoveryCodes.get(0), ClientAddress.of(ADDRESS)));

        assertThat(fixture.core.mfaStatus().status(ann.id()).enabled()).isFalse();
    }

    @Test
    void aNewSetOfRecoveryCodesKillsTheOldOne() {
        turnOn(ann);
        List<String> old = recoveryCodes;

        List<String> renewed = fixture.core.renewRecoveryCodes().renew(new RenewRecoveryCodesUseCase.Command(
                Caller.user(ann.id()), PASSWORD, currentCode(), ClientAddress.of(ADDRESS)));

        assertThat(renewed).hasSize(10).doesNotContainAnyElementsOf(old);
        String token = passwordStep("ann@example.com").mfaToken();
        assertThatThrownBy(() -> recoveryStep(token, old.get(1))).isInstanceOf(InvalidMfaCodeException.class);
        assertThat(recoveryStep(token, renewed.get(1)).tokens()).isNotNull();
    }

    @Test
    void aTokenMintedOnTheUsersBehalfCannotChangeTheirFactors() {
        Caller impersonation = new Caller(ann.id(), 999L);

        assertThatThrownBy(() -> fixture.core.enrolTotp().enrol(new EnrolTotpUseCase.Command(impersonation, PASSWORD,
                ClientAddress.of(ADDRESS)))).isInstanceOf(AccessDeniedException.class);
        turnOn(ann);
        assertThatThrownBy(() -> fixture.core.disableTotp().disable(new DisableTotpUseCase.Command(impersonation,
                PASSWORD, currentCode(), ClientAddress.of(ADDRESS)))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void onlyAnAdminResetsAnotherUsersMfaAndTheUserIsTold() {
        turnOn(ann);
        User admin = fixture.aConfirmedUser("admin@example.com");
        User editor = fixture.aConfirmedUser("editor@example.com");
        grant(admin, Role.ADMIN);
        grant(editor, Role.USER_EDIT);

        assertThatThrownBy(() -> fixture.core.resetMfa().reset(new ResetMfaUseCase.Command(Caller.user(editor.id()),
                ann.id(), ClientAddress.of(ADDRESS)))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixture.core.resetMfa().reset(new ResetMfaUseCase.Command(
                new Caller(admin.id(), editor.id()), ann.id(), ClientAddress.of(ADDRESS)))).isInstanceOf(AccessDeniedException.class);
        assertThat(fixture.core.mfaStatus().status(ann.id()).enabled()).isTrue();

        fixture.core.resetMfa().reset(new ResetMfaUseCase.Command(Caller.user(admin.id()), ann.id(), ClientAddress.of(ADDRESS)));

        assertThat(fixture.core.mfaStatus().status(ann.id()).enabled()).isFalse();
        assertThat(fixture.sent()).anySatisfy(mail -> {
            assertThat(mail.kind()).isEqualTo(MailKind.MFA_RESET_NOTICE);
            assertThat(mail.email()).isEqualTo("ann@example.com");
        });
        assertThat(auditOf(ann)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.MFA_RESET.storedForm());
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS.storedForm());
        });
    }

    @Test
    void theSecretIsSealedAtRestWhenAKeyEncryptionKeyIsSet() {
        ServiceState state = InMemoryServiceState.create();
        byte[] key = new byte[32];
        key[0] = 7;
        UserServiceCore sealed = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new, state,
                new RecordingUserNotifier()).clock(fixture.clock).bcryptCost(4)
                .keyEncryption(KeyEncryption.aesGcm(key)).build();
        long id = sealed.register().register(io.userservice.core.port.in.RegisterUserUseCase.Command.of(
                "sealed@example.com", PASSWORD, null, null, null, ClientAddress.unknown())).id();

        String plain = sealed.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(id), PASSWORD, ClientAddress.unknown()))
                .secret();

        String stored = state.secondFactors().totp(id).orElseThrow().storedSecret();
        assertThat(stored).doesNotContain(plain).startsWith("aes256gcm");
    }

    @Test
    void erasingTheAccountRemovesItsFactorsAndTheExportNamesThemWithoutSecrets() {
        turnOn(ann);

        GetMfaStatusUseCase.Status exported = fixture.core.exportAccount().export(ann.id()).mfa();
        assertThat(exported.totp()).isTrue();
        assertThat(exported.toString()).doesNotContain(secret);

        fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(Caller.user(ann.id()), ann.id(),
                PASSWORD, ClientAddress.of(ADDRESS)));

        assertThat(fixture.state.secondFactors().totp(ann.id())).isEmpty();
        assertThat(fixture.state.secondFactors().recoveryCodesLeft(ann.id())).isZero();
    }

    @Test
    void theObserverCountsTheChallengeAsMfaRequired() {
        List<ServiceObserver.SignInOutcome> outcomes = new ArrayList<>();
        ServiceState state = InMemoryServiceState.create();
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore observed = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new, state,
                notifier).clock(fixture.clock).bcryptCost(4).observer(new ServiceObserver() {
                    @Override
                    public void signIn(SignInChannel channel, SignInOutcome outcome) {
                        outcomes.add(outcome);
                    }
                }).build();
        long id = observed.register().register(io.userservice.core.port.in.RegisterUserUseCase.Command.of(
                "seen@example.com", PASSWORD, null, null, null, ClientAddress.unknown())).id();
        observed.mailDispatcher().deliverDue();
        observed.confirmEmail().confirm(new io.userservice.core.port.in.ConfirmEmailUseCase.Command(
                notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "seen@example.com").orElseThrow(), ClientAddress.unknown()));
        secret = observed.enrolTotp().enrol(new EnrolTotpUseCase.Command(Caller.user(id), PASSWORD, ClientAddress.unknown())).secret();
        observed.confirmTotp().confirm(new ConfirmTotpUseCase.Command(Caller.user(id), currentCode(), ClientAddress.unknown()));
        outcomes.clear();

        assertThatThrownBy(() -> observed.logIn().logIn(new LogInUseCase.Command("seen@example.com", PASSWORD, ClientAddress.unknown())))
                .isInstanceOf(MfaRequiredException.class);

        assertThat(outcomes).containsExactly(ServiceObserver.SignInOutcome.MFA_REQUIRED);
    }

    private void grant(User user, Role role) {
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), user.id(), role, true,
                ClientAddress.unknown()));
    }

    private List<String> signInDetails() {
        return auditOf(ann).stream().filter(e -> e.action().equals(AuditAction.SIGN_IN.storedForm()))
                .map(e -> e.outcome() + " " + e.detail()).toList();
    }

    @Test
    void eachAnswerIsAuditedWithWhatWasAnswered() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();
        assertThatThrownBy(() -> codeStep(token, "000000")).isInstanceOf(InvalidMfaCodeException.class);
        assertThatThrownBy(() -> recoveryStep(token, "aaaa-bbbb-cccc")).isInstanceOf(InvalidMfaCodeException.class);
        codeStep(token, currentCode());
        recoveryStep(passwordStep("ann@example.com").mfaToken(), recoveryCodes.get(0));

        assertThat(signInDetails()).containsSubsequence("success second factor: recovery_code",
                "success second factor: totp", "denied wrong recovery code", "denied wrong authenticator code");
        assertThat(auditOf(ann)).filteredOn(e -> e.action().equals(AuditAction.RECOVERY_CODE_USED.storedForm()))
                .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("9 left"));
    }

    @Test
    void aPasskeyAssertionThatCannotBeReadIsAWrongAnswer() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();

        assertThatThrownBy(() -> fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(
                token, null, null, "{\"not\": \"an assertion\"}", ClientAddress.of(ADDRESS), null)))
                .isInstanceOf(InvalidMfaCodeException.class);
        assertThat(signInDetails()).first().isEqualTo("denied wrong passkey assertion");
    }

    @Test
    void twoAnswersOrNoneNameTheFieldToDrop() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();

        assertThatThrownBy(() -> fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(
                token, currentCode(), recoveryCodes.get(0), ClientAddress.unknown(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("recoveryCode"));
        assertThatThrownBy(() -> fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(
                token, null, recoveryCodes.get(0), "{}", ClientAddress.unknown(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("code"));
        assertThatThrownBy(() -> fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(
                token, " ", " ", ClientAddress.unknown(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("code"));
    }

    @Test
    void aBlankAnswerBesideTheRealOneIsIgnored() {
        turnOn(ann);

        assertThat(fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(
                passwordStep("ann@example.com").mfaToken(), " ", recoveryCodes.get(1), " ", ClientAddress.of(ADDRESS),
                null)).user().id()).isEqualTo(ann.id());
        assertThat(fixture.core.completeMfaSignIn().complete(new CompleteMfaSignInUseCase.Command(
                passwordStep("ann@example.com").mfaToken(), currentCode(), "", "", ClientAddress.of(ADDRESS),
                null)).user().id()).isEqualTo(ann.id());
    }

    @Test
    void anAccountThrottledSinceThePasswordStepIsRefusedEvenWithTheRightCode() {
        turnOn(ann);
        String token = passwordStep("ann@example.com").mfaToken();
        for (int i = 0; i < 10; i++) {
            try {
                fixture.core.logIn().logIn(new LogInUseCase.Command("ann@example.com", "wrong " + i,
                        ClientAddress.of(ADDRESS)));
            } catch (RuntimeException expected) {
                // counted as a failed sign-in of the account
            }
        }

        assertThatThrownBy(() -> codeStep(token, currentCode())).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void aPortalSessionStartedWithACodeSaysPasswordAndCode() {
        turnOn(ann);
        MfaRequiredException portal = catchMfa(() -> fixture.core.signInToPortal().signIn(
                new SignInToPortalUseCase.Command("ann@example.com", PASSWORD, ClientAddress.of(ADDRESS))));

        String session = fixture.core.completePortalMfaSignIn().complete(new CompletePortalMfaSignInUseCase.Command(
                portal.mfaToken(), currentCode(), null, " ", ClientAddress.of(ADDRESS), false)).sessionSecret();

        assertThat(fixture.state.portalSessions().find(Digests.sha256(session)).orElseThrow().amr())
                .isEqualTo(io.userservice.core.domain.SignInMethods.PASSWORD_AND_CODE);
    }

    private static MfaRequiredException catchMfa(Runnable signIn) {
        try {
            signIn.run();
        } catch (MfaRequiredException e) {
            return e;
        }
        throw new AssertionError("no second factor was asked for");
    }
}
