package io.userservice.core;

import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.service.UserServiceCore;
import java.util.function.UnaryOperator;

/** A core over the in-memory directory and state, with a hand-moved clock and a notifier that records codes. */
public final class CoreFixture {

    public static final String PASSWORD = "correct horse battery";

    public final MutableClock clock = MutableClock.atSomeMoment();
    public final RecordingUserNotifier notifier = new RecordingUserNotifier();
    public final ServiceState state;
    public final UserServiceCore core;

    public CoreFixture() {
        this(CoreSettings.defaults());
    }

    public CoreFixture(CoreSettings settings) {
        this(settings, ThrottleSettings.defaults());
    }

    public CoreFixture(ThrottleSettings throttling) {
        this(CoreSettings.defaults(), throttling);
    }

    public CoreFixture(CoreSettings settings, ThrottleSettings throttling) {
        this(settings, throttling, UnaryOperator.identity());
    }

    /** With the defaults above, and whatever else {@code customize} sets on the core's builder. */
    public CoreFixture(UnaryOperator<UserServiceCore.Builder> customize) {
        this(CoreSettings.defaults(), ThrottleSettings.defaults(), customize);
    }

    private CoreFixture(CoreSettings settings, ThrottleSettings throttling,
                        UnaryOperator<UserServiceCore.Builder> customize) {
        this.state = InMemoryServiceState.create();
        this.core = customize.apply(UserServiceCore.builder(settings, InMemoryUserDirectory::new, state, notifier)
                .clock(clock).bcryptCost(4).throttling(throttling)).build();
    }

    /** Delivers the mails due, then returns the code of the latest one of this kind to this email. */
    public java.util.Optional<String> lastCode(MailKind kind, String email) {
        core.mailDispatcher().deliverDue();
        return notifier.lastCode(kind, email);
    }

    /** Delivers the mails due, then returns every mail delivered so far. */
    public java.util.List<RecordingUserNotifier.Notification> sent() {
        core.mailDispatcher().deliverDue();
        return notifier.sent();
    }

    /** Registers and confirms a user with {@link #PASSWORD}. */
    public io.userservice.core.domain.User aConfirmedUser(String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, PASSWORD, null, null, null, ClientAddress.unknown()));
        String code = lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow();
        return core.confirmEmail().confirm(new io.userservice.core.port.in.ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));
    }

    /** The audit events of this action, newest first (among the last 100 recorded). */
    public java.util.List<io.userservice.core.domain.AuditEvent> audited(
            io.userservice.core.domain.AuditAction action) {
        return state.auditLog().newest(null, 100).stream().map(io.userservice.core.domain.AuditEntry::event)
                .filter(e -> e.action().equals(action.storedForm())).toList();
    }

    public LogInUseCase.Result aSignedInUser(String email) {
        aConfirmedUser(email);
        return core.logIn().logIn(new LogInUseCase.Command(email, PASSWORD, ClientAddress.unknown()));
    }
}
