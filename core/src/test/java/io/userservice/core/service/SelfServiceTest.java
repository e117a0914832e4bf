package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.CoreFixture;
import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.domain.AccessDeniedException;
import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.EmailAlreadyTakenException;
import io.userservice.core.domain.InvalidCodeException;
import io.userservice.core.domain.InvalidCredentialsException;
import io.userservice.core.domain.InvalidInputException;
import io.userservice.core.domain.InvalidRefreshTokenException;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NotFoundException;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.TooManyRequestsException;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.ConfirmEmailChangeUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.EndSessionsUseCase;
import io.userservice.core.port.in.ExportAccountUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.SetAttributeUseCase;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A user's own account: password, email, sessions, export and erasure. */
class SelfServiceTest {

    private static final String NEW_PASSWORD = "a much newer password";

    private final CoreFixture fixture = new CoreFixture();

    private LogInUseCase.Result logIn(String email, String password, String userAgent) {
        return fixture.core.logIn().logIn(new LogInUseCase.Command(email, password, ClientAddress.of("192.0.2.1"), null, userAgent));
    }

    private ChangePasswordUseCase.Result changePassword(Caller caller, String current, String next) {
        return fixture.core.changePassword().change(new ChangePasswordUseCase.Command(caller, current, next,
                new SessionClient("192.0.2.9", "Browser/9")));
    }

    private String refresh(String token) {
        return fixture.core.refreshTokens().refresh(new RefreshTokensUseCase.Command(token, ClientAddress.unknown())).refreshToken();
    }

    private List<RecordingUserNotifier.Notification> mails(MailKind kind, String to) {
        return fixture.sent().stream().filter(n -> n.kind() == kind && n.email().equals(to)).toList();
    }

    @Test
    void aPasswordChangeLeavesOnlyTheReturnedSessionAndSendsANoticeWithoutSecrets() {
        LogInUseCase.Result phone = fixture.aSignedInUser("ada@example.com");
        LogInUseCase.Result laptop = logIn("ada@example.com", CoreFixture.PASSWORD, "Laptop");
        fixture.clock.advance(Duration.ofSeconds(1));

        ChangePasswordUseCase.Result changed = changePassword(Caller.user(phone.user().id()), CoreFixture.PASSWORD,
                NEW_PASSWORD);

        for (LogInUseCase.Result old : List.of(phone, laptop)) {
            assertThatThrownBy(() -> fixture.core.authenticate().authenticate(old.tokens().accessToken()))
                    .isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> refresh(old.tokens().refreshToken()))
                    .isInstanceOf(InvalidRefreshTokenException.class);
        }
        assertThat(fixture.core.authenticate().authenticate(changed.tokens().accessToken()).userId())
                .isEqualTo(phone.user().id());
        assertThat(refresh(changed.tokens().refreshToken())).isNotBlank();
        List<Session> sessions = fixture.core.listSessions().list(Caller.user(phone.user().id()), phone.user().id());
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).signInClient()).isEqualTo(new SessionClient("192.0.2.9", "Browser/9"));
        assertThatThrownBy(() -> logIn("ada@example.com", CoreFixture.PASSWORD, null))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(logIn("ada@example.com", NEW_PASSWORD, null).user().id()).isEqualTo(phone.user().id());
        List<RecordingUserNotifier.Notification> notices = mails(MailKind.PASSWORD_CHANGED_NOTICE, "ada@example.com");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).code()).isNull();
    }

    @Test
    void aWrongCurrentPasswordChangesNothingAndIsThrottledAsASignIn() {
        LogInUseCase.Result session = fixture.aSignedInUser("bea@example.com");
        Caller bea = Caller.user(session.user().id());

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> changePassword(bea, "not the password", NEW_PASSWORD))
                    .isInstanceOf(InvalidCredentialsException.class);
        }

        assertThatThrownBy(() -> changePassword(bea, CoreFixture.PASSWORD, NEW_PASSWORD))
                .isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> logIn("bea@example.com", CoreFixture.PASSWORD, null))
                .isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> fixture.core.authenticate().authenticate(session.tokens().accessToken()))
                .doesNotThrowAnyException();
    }

    @Test
    void aNewPasswordBreakingThePolicyIsRefusedBeforeTheCurrentOneIsChecked() {
        LogInUseCase.Result session = fixture.aSignedInUser("cid@example.com");

        assertThatThrownBy(() -> changePassword(Caller.user(session.user().id()), CoreFixture.PASSWORD, "short"))
                .isInstanceOf(InvalidInputException.class);

        assertThat(logIn("cid@example.com", CoreFixture.PASSWORD, null).user().id()).isEqualTo(session.user().id());
    }

    @Test
    void aTokenMintedOnTheUsersBehalfChangesNeitherPasswordNorEmailNorDeletesTheAccount() {
        User admin = fixture.aConfirmedUser("root@example.com");
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN,
                true, ClientAddress.unknown()));
        User dan = fixture.aConfirmedUser("dan@example.com");
        Caller impersonated = new Caller(dan.id(), admin.id());

        assertThatThrownBy(() -> changePassword(impersonated, CoreFixture.PASSWORD, NEW_PASSWORD))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(impersonated,
                "taken.over@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(impersonated,
                dan.id(), CoreFixture.PASSWORD, ClientAddress.unknown()))).isInstanceOf(AccessDeniedException.class);

        assertThat(logIn("dan@example.com", CoreFixture.PASSWORD, null).user().email().value())
                .isEqualTo("dan@example.com");
        assertThat(mails(MailKind.EMAIL_CHANGE, "taken.over@example.com")).isEmpty();
    }

    @Test
    void aDeactivationDuringTheHashingOfTheNewPasswordWinsAndNoSessionIsIssued() {
        AtomicReference<Runnable> duringHash = new AtomicReference<>(() -> { });
        PasswordHasher bcrypt = new BcryptPasswordHasher(4);
        PasswordHasher racing = new PasswordHasher() {
            @Override
            public String hash(String password) {
                duringHash.get().run();
                return bcrypt.hash(password);
            }

            @Override
            public boolean verify(String password, String hash) {
                return bcrypt.verify(password, hash);
            }

            @Override
            public boolean needsRehash(String hash) {
                return bcrypt.needsRehash(hash);
            }
        };
        ServiceState state = InMemoryServiceState.create();
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new, state,
                notifier).passwordHasher(racing).build();
        core.register().register(RegisterUserUseCase.Command.of("eve@example.com", CoreFixture.PASSWORD, null,
                null, null, ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        core.confirmEmail().confirm(new io.userservice.core.port.in.ConfirmEmailUseCase.Command(
                notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "eve@example.com").orElseThrow(), ClientAddress.unknown()));
        long eve = core.logIn().logIn(new LogInUseCase.Command("eve@example.com", CoreFixture.PASSWORD, ClientAddress.unknown())).user().id();
        duringHash.set(() -> state.accounts().deactivate(eve, java.time.Instant.now()));

        assertThatThrownBy(() -> core.changePassword().change(new ChangePasswordUseCase.Command(Caller.user(eve),
                CoreFixture.PASSWORD, NEW_PASSWORD, SessionClient.unknown()))).isInstanceOf(InvalidCredentialsException.class);

        AccountState after = state.accounts().stateOf(eve);
        assertThat(after.deactivatedAt()).isNotNull();
        assertThat(state.refreshTokens().sessionsOf(eve, after.credentialEpoch(), java.time.Instant.now())).isEmpty();
    }

    @Test
    void aResetCompletedDuringTheHashingOfTheNewPasswordWinsAndTheChangeWritesNothing() {
        AtomicReference<Runnable> duringHash = new AtomicReference<>(() -> { });
        PasswordHasher bcrypt = new BcryptPasswordHasher(4);
        PasswordHasher racing = new PasswordHasher() {
            @Override
            public String hash(String password) {
                duringHash.getAndSet(() -> { }).run();
                return bcrypt.hash(password);
            }

            @Override
            public boolean verify(String password, String hash) {
                return bcrypt.verify(password, hash);
            }

            @Override
            public boolean needsRehash(String hash) {
                return bcrypt.needsRehash(hash);
            }
        };
        ServiceState state = InMemoryServiceState.create();
        RecordingUserNotifier notifier = new RecordingUserNotifier();
        UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new, state,
                notifier).passwordHasher(racing).build();
        core.register().register(RegisterUserUseCase.Command.of("ida@example.com", CoreFixture.PASSWORD, null,
                null, null, ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        core.confirmEmail().confirm(new io.userservice.core.port.in.ConfirmEmailUseCase.Command(
                notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "ida@example.com").orElseThrow(), ClientAddress.unknown()));
        long ida = core.logIn().logIn(new LogInUseCase.Command("ida@example.com", CoreFixture.PASSWORD, ClientAddress.unknown())).user().id();
        core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("ida@example.com", ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        String resetCode = notifier.lastCode(MailKind.PASSWORD_RESET, "ida@example.com").orElseThrow();
        duringHash.set(() -> core.completePasswordReset().complete(
                new CompletePasswordResetUseCase.Command(resetCode, "the reset password", ClientAddress.unknown())));

        assertThatThrownBy(() -> core.changePassword().change(new ChangePasswordUseCase.Command(Caller.user(ida),
                CoreFixture.PASSWORD, NEW_PASSWORD, SessionClient.unknown()))).isInstanceOf(InvalidCredentialsException.class);

        assertThat(core.logIn().logIn(new LogInUseCase.Command("ida@example.com", "the reset password", ClientAddress.unknown())).user().id())
                .isEqualTo(ida);
        assertThatThrownBy(() -> core.logIn().logIn(new LogInUseCase.Command("ida@example.com", NEW_PASSWORD, ClientAddress.unknown())))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    private String anEmailChangeRequested(long userId, String newEmail) {
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(userId), newEmail,
                CoreFixture.PASSWORD, ClientAddress.unknown()));
        return fixture.lastCode(MailKind.EMAIL_CHANGE, newEmail).orElseThrow();
    }

    private void assertTheChangeCannotBeConfirmed(long userId, String code, String oldEmail) {
        assertThatThrownBy(() -> fixture.core.confirmEmailChange().confirm(
                new ConfirmEmailChangeUseCase.Command(null, code, ClientAddress.unknown()))).isInstanceOf(InvalidCodeException.class);
        assertThat(fixture.core.getUser().get(userId).email().value()).isEqualTo(oldEmail);
    }

    @Test
    void aPendingEmailChangeEndsWithAPasswordReset() {
        long id = fixture.aSignedInUser("joe@example.com").user().id();
        String code = anEmailChangeRequested(id, "thief@example.com");
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("joe@example.com", ClientAddress.unknown()));
        String resetCode = fixture.lastCode(MailKind.PASSWORD_RESET, "joe@example.com").orElseThrow();
        fixture.core.completePasswordReset().complete(new CompletePasswordResetUseCase.Command(resetCode,
                NEW_PASSWORD, ClientAddress.unknown()));

        assertTheChangeCannotBeConfirmed(id, code, "joe@example.com");
    }

    @Test
    void aPendingEmailChangeEndsWithAPasswordChange() {
        long id = fixture.aSignedInUser("kim@example.com").user().id();
        String code = anEmailChangeRequested(id, "thief@example.com");
        changePassword(Caller.user(id), CoreFixture.PASSWORD, NEW_PASSWORD);

        assertTheChangeCannotBeConfirmed(id, code, "kim@example.com");
    }

    @Test
    void aPendingEmailChangeEndsWithADeactivationAndStaysDeadAfterReactivation() {
        long id = fixture.aSignedInUser("lea@example.com").user().id();
        String code = anEmailChangeRequested(id, "thief@example.com");
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), id, false, ClientAddress.unknown()));

        assertTheChangeCannotBeConfirmed(id, code, "lea@example.com");
        fixture.core.deactivateUser().setActive(new DeactivateUserUseCase.Command(Caller.operator(), id, true, ClientAddress.unknown()));
        assertTheChangeCannotBeConfirmed(id, code, "lea@example.com");
    }

    @Test
    void anEmailChangeRequestedBeforeASignOutEverywhereCannotBeConfirmed() {
        long id = fixture.aSignedInUser("max@example.com").user().id();
        String code = anEmailChangeRequested(id, "thief@example.com");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.state.accounts().signedOutEverywhere(id, fixture.clock.instant());

        assertTheChangeCannotBeConfirmed(id, code, "max@example.com");
    }

    @Test
    void anEmailChangeCountsOnlyOnceItsCodeIsUsedAndTheCodeWorksOnce() {
        LogInUseCase.Result fay = fixture.aSignedInUser("fay@example.com");
        long id = fay.user().id();
        fixture.core.requestPasswordReset().request(new RequestPasswordResetUseCase.Command("fay@example.com", ClientAddress.unknown()));
        String resetCode = fixture.lastCode(MailKind.PASSWORD_RESET, "fay@example.com").orElseThrow();

        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(id), " Fay.New@Example.com ",
                CoreFixture.PASSWORD, ClientAddress.unknown()));
        String code = fixture.lastCode(MailKind.EMAIL_CHANGE, "fay.new@example.com").orElseThrow();

        assertThat(logIn("fay@example.com", CoreFixture.PASSWORD, null).user().id()).isEqualTo(id);
        assertThatThrownBy(() -> logIn("fay.new@example.com", CoreFixture.PASSWORD, null))
                .isInstanceOf(InvalidCredentialsException.class);

        User moved = fixture.core.confirmEmailChange().confirm(new ConfirmEmailChangeUseCase.Command(id, code, ClientAddress.unknown()));

        assertThat(moved.email().value()).isEqualTo("fay.new@example.com");
        assertThat(logIn("fay.new@example.com", CoreFixture.PASSWORD, null).user().id()).isEqualTo(id);
        assertThatThrownBy(() -> logIn("fay@example.com", CoreFixture.PASSWORD, null))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> fixture.core.confirmEmailChange().confirm(
                new ConfirmEmailChangeUseCase.Command(id, code, ClientAddress.unknown()))).isInstanceOf(InvalidCodeException.class);
        assertThatThrownBy(() -> fixture.core.completePasswordReset().complete(
                new CompletePasswordResetUseCase.Command(resetCode, NEW_PASSWORD, ClientAddress.unknown())))
                .isInstanceOf(InvalidCodeException.class);
        List<RecordingUserNotifier.Notification> notices = mails(MailKind.EMAIL_CHANGED_NOTICE, "fay@example.com");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).code()).isNull();
        assertThatCode(() -> fixture.core.authenticate().authenticate(fay.tokens().accessToken()))
                .doesNotThrowAnyException();
    }

    @Test
    void anEmailChangeCodeExpiresAfterAnHourAndIsAnotherUsersOnlyOnThePage() {
        User gus = fixture.aConfirmedUser("gus@example.com");
        User hal = fixture.aConfirmedUser("hal@example.com");
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(Caller.user(gus.id()), "gus2@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()));
        String code = fixture.lastCode(MailKind.EMAIL_CHANGE, "gus2@example.com").orElseThrow();

        assertThatThrownBy(() -> fixture.core.confirmEmailChange().confirm(
                new ConfirmEmailChangeUseCase.Command(hal.id(), code, ClientAddress.unknown()))).isInstanceOf(InvalidCodeException.class);
        fixture.clock.advance(Duration.ofMinutes(61));

        assertThatThrownBy(() -> fixture.core.confirmEmailChange().confirm(
                new ConfirmEmailChangeUseCase.Command(null, code, ClientAddress.unknown()))).isInstanceOf(InvalidCodeException.class);
        assertThat(fixture.core.getUser().get(gus.id()).email().value()).isEqualTo("gus@example.com");
        assertThat(fixture.core.getUser().get(hal.id()).email().value()).isEqualTo("hal@example.com");
    }

    @Test
    void anAddressTakenBeforeTheRequestOrBeforeTheCodeIsRefused() {
        User ida = fixture.aConfirmedUser("ida@example.com");
        fixture.aConfirmedUser("jon@example.com");
        Caller caller = Caller.user(ida.id());

        assertThatThrownBy(() -> fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(caller,
                "JON@example.com", CoreFixture.PASSWORD, ClientAddress.unknown()))).isInstanceOf(EmailAlreadyTakenException.class);
        assertThatThrownBy(() -> fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(caller,
                "not an address", CoreFixture.PASSWORD, ClientAddress.unknown()))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(caller,
                "free@example.com", "wrong password", ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(caller, "free@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()));
        String code = fixture.lastCode(MailKind.EMAIL_CHANGE, "free@example.com").orElseThrow();
        fixture.core.register().register(RegisterUserUseCase.Command.of("free@example.com", "someone else's pw",
                null, null, null, ClientAddress.unknown()));

        assertThatThrownBy(() -> fixture.core.confirmEmailChange().confirm(
                new ConfirmEmailChangeUseCase.Command(ida.id(), code, ClientAddress.unknown())))
                .isInstanceOf(EmailAlreadyTakenException.class);
        assertThat(fixture.core.getUser().get(ida.id()).email().value()).isEqualTo("ida@example.com");
    }

    @Test
    void sessionsAreListedWithoutTokensAndEndedOneByOneOrAllAtOnce() {
        LogInUseCase.Result first = fixture.aSignedInUser("kim@example.com");
        fixture.clock.advance(Duration.ofSeconds(1));
        LogInUseCase.Result second = logIn("kim@example.com", CoreFixture.PASSWORD, "Phone/2");
        User lee = fixture.aConfirmedUser("lee@example.com");
        long kim = first.user().id();
        Caller caller = Caller.user(kim);

        List<Session> sessions = fixture.core.listSessions().list(caller, kim);
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).signInClient()).isEqualTo(new SessionClient("192.0.2.1", "Phone/2"));
        String secondId = sessions.get(0).id().toString();

        assertThatThrownBy(() -> fixture.core.endSessions().end(new EndSessionsUseCase.Command(Caller.user(lee.id()),
                lee.id(), secondId, ClientAddress.unknown()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture.core.listSessions().list(Caller.user(lee.id()), kim))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixture.core.endSessions().end(new EndSessionsUseCase.Command(caller, kim,
                "not-a-uuid", ClientAddress.unknown()))).isInstanceOf(NotFoundException.class);
        assertThat(refresh(second.tokens().refreshToken())).isNotBlank();

        fixture.core.endSessions().end(new EndSessionsUseCase.Command(caller, kim, secondId, ClientAddress.unknown()));

        assertThat(fixture.core.listSessions().list(caller, kim)).extracting(s -> s.id().toString())
                .doesNotContain(secondId).hasSize(1);
        assertThatCode(() -> fixture.core.authenticate().authenticate(first.tokens().accessToken()))
                .doesNotThrowAnyException();
        fixture.clock.advance(Duration.ofSeconds(1));

        fixture.core.endSessions().end(new EndSessionsUseCase.Command(caller, kim, null, ClientAddress.unknown()));

        assertThat(fixture.core.listSessions().list(caller, kim)).isEmpty();
        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(first.tokens().accessToken()))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> refresh(first.tokens().refreshToken()))
                .isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void theExportHoldsWhatIsKeptAboutTheUserButNoSecret() {
        LogInUseCase.Result mia = fixture.aSignedInUser("mia@example.com");
        long id = mia.user().id();
        fixture.core.setAttribute().set(new SetAttributeUseCase.Command(id, "plan", "gold"));

        ExportAccountUseCase.AccountExport export = fixture.core.exportAccount().export(id);

        assertThat(export.user().email().value()).isEqualTo("mia@example.com");
        assertThat(export.attributes()).containsEntry("plan", "gold");
        assertThat(export.sessions()).hasSize(1);
        assertThat(export.auditEvents()).extracting(e -> e.event().action())
                .contains(AuditAction.SIGN_IN.storedForm(), AuditAction.REGISTRATION.storedForm());
        assertThat(export.toString()).doesNotContain(mia.tokens().refreshToken(), "$2");
    }

    @Test
    void deletingTheAccountErasesThePersonAndEndsEveryToken() {
        LogInUseCase.Result ned = fixture.aSignedInUser("ned@example.com");
        long id = ned.user().id();
        Caller caller = Caller.user(id);
        fixture.core.setAttribute().set(new SetAttributeUseCase.Command(id, "plan", "gold"));
        fixture.core.changeEmail().request(new ChangeEmailUseCase.Command(caller, "ned2@example.com",
                CoreFixture.PASSWORD, ClientAddress.unknown()));

        assertThatThrownBy(() -> fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(caller, id,
                "wrong password", ClientAddress.unknown()))).isInstanceOf(InvalidCredentialsException.class);
        fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(caller, id, CoreFixture.PASSWORD,
                ClientAddress.of("192.0.2.3")));

        assertThatThrownBy(() -> fixture.core.authenticate().authenticate(ned.tokens().accessToken()))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> refresh(ned.tokens().refreshToken()))
                .isInstanceOf(InvalidRefreshTokenException.class);
        assertThat(fixture.state.attributes().attributesOf(id)).isEmpty();
        assertThat(fixture.state.refreshTokens().findByHash(Digests.sha256(ned.tokens().refreshToken()))).isEmpty();
        assertThat(fixture.state.auditLog().about(id, 100)).extracting(e -> e.event().action())
                .contains(AuditAction.ACCOUNT_DELETED.storedForm());
        assertThat(fixture.state.auditLog().about(id, 100)).allSatisfy(e ->
                assertThat(String.valueOf(e.event().detail())).doesNotContain("ned"));
        User again = fixture.aConfirmedUser("ned@example.com");
        assertThat(again.id()).isNotEqualTo(id);
    }

    @Test
    void anAdministratorDeletesOthersButAUserOnlyThemself() {
        User admin = fixture.aConfirmedUser("admin@example.com");
        fixture.core.changeRole().change(new ChangeRoleUseCase.Command(Caller.operator(), admin.id(), Role.ADMIN,
                true, ClientAddress.unknown()));
        User oli = fixture.aConfirmedUser("oli@example.com");
        User pam = fixture.aConfirmedUser("pam@example.com");

        assertThatThrownBy(() -> fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(
                Caller.user(oli.id()), pam.id(), CoreFixture.PASSWORD, ClientAddress.unknown()))).isInstanceOf(AccessDeniedException.class);
        fixture.core.deleteAccount().delete(new DeleteAccountUseCase.Command(Caller.user(admin.id()), pam.id(), null,
                ClientAddress.unknown()));

        assertThatThrownBy(() -> fixture.core.getUser().get(pam.id())).isInstanceOf(InvalidTokenException.class);
        assertThat(fixture.core.getUser().get(oli.id()).email().value()).isEqualTo("oli@example.com");
    }
}
