package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.crypto.KeyEncryption;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.OutboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codes waiting in the outbox, sealed with the key-encryption key when one is configured. */
class SealedOutboxCodesTest {

    private static final String SEALED = "aes256gcm-code:v1:";

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final ServiceState stores = InMemoryServiceState.create();
    private final RecordingUserNotifier notifier = new RecordingUserNotifier();

    private static KeyEncryption keyOf(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return KeyEncryption.aesGcm(key).named("USERSVC_KEY_ENCRYPTION_KEY");
    }

    private UserServiceCore core(KeyEncryption encryption, UserNotifier delivery) {
        return UserServiceCore.builder(CoreSettings.defaults(), io.userservice.core.memory.InMemoryUserDirectory::new, stores, delivery).clock(clock).bcryptCost(4)
                .keyEncryption(encryption).build();
    }

    private static void register(UserServiceCore core, String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD, null, null, null, ClientAddress.unknown()));
    }

    private OutboxMail mail(long id) {
        return stores.mailOutbox().find(id).orElseThrow();
    }

    /** Puts a mail into the outbox as another writer would have, with this code as stored. */
    private long queueDirectly(String storedCode, String messageKey) {
        return stores.mailOutbox().queueWithCode(
                new SingleUseCode(Digests.sha256("unused"), CodePurpose.CONFIRM_EMAIL, 1, clock.instant(),
                        clock.instant().plusSeconds(3600)),
                new NewOutboxMail(MailKind.EMAIL_CONFIRMATION, "ann@example.com", "en", null, null, storedCode,
                        messageKey, clock.instant()),
                OutboxSettings.defaults().sendLimit()).orElseThrow();
    }

    @Test
    void withAKeyTheOutboxNeverHoldsThePlainCodeAndTheDeliveredMailCarriesIt() {
        List<String> storedWhileDelivering = new ArrayList<>();
        UserNotifier failingOnce = mail -> {
            storedWhileDelivering.add(mail(mail.id()).code());
            if (storedWhileDelivering.size() == 1) {
                throw new IllegalStateException("421 try again later, code " + mail.code());
            }
            notifier.deliver(mail);
        };
        UserServiceCore core = core(keyOf(1), failingOnce);
        register(core, "ann@example.com");
        String queued = mail(1).code();

        core.mailDispatcher().deliverDue();
        OutboxMail afterFailure = mail(1);
        clock.advance(Duration.ofSeconds(2));
        core.mailDispatcher().deliverDue();

        String code = notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "ann@example.com").orElseThrow();
        assertThat(queued).startsWith(SEALED).doesNotContain(code);
        assertThat(storedWhileDelivering).hasSize(2).containsOnly(queued);
        assertThat(afterFailure.code()).isEqualTo(queued);
        assertThat(afterFailure.lastError()).doesNotContain(code).contains("[code]");
        assertThat(mail(1).code()).as("forgotten once sent").isNull();
        assertThat(core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown())).confirmed()).isTrue();
    }

    @Test
    void withoutAKeyTheOutboxKeepsTheCodeAsBefore() {
        UserServiceCore core = core(KeyEncryption.none(), notifier);
        register(core, "ann@example.com");
        String queued = mail(1).code();

        core.mailDispatcher().deliverDue();

        assertThat(queued).doesNotStartWith(SEALED);
        assertThat(notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "ann@example.com")).contains(queued);
    }

    @Test
    void aCodeQueuedInPlainTextBeforeTheKeyWasSetIsStillDelivered() {
        register(core(KeyEncryption.none(), mail -> {
            throw new IllegalStateException("the mail server is down");
        }), "ann@example.com");
        String plain = mail(1).code();

        clock.advance(Duration.ofMinutes(1));
        core(keyOf(1), notifier).mailDispatcher().deliverDue();

        assertThat(notifier.lastCode(MailKind.EMAIL_CONFIRMATION, "ann@example.com")).contains(plain);
        assertThat(mail(1).sentAt()).isNotNull();
    }

    @Test
    void aSealedCodeThatDoesNotOpenIsNotDeliveredAndIsTriedAgain() {
        UserServiceCore core = core(keyOf(1), notifier);
        long otherKey = queueDirectly(keyOf(2).sealCode("key-a", "the-code"), "key-a");
        long otherMail = queueDirectly(keyOf(1).sealCode("key-b", "the-code"), "key-c");

        core.mailDispatcher().deliverDue();

        assertThat(notifier.sent()).isEmpty();
        for (long id : new long[] {otherKey, otherMail}) {
            OutboxMail failed = mail(id);
            assertThat(failed.pending()).isTrue();
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(2));
            assertThat(failed.lastError()).contains("USERSVC_KEY_ENCRYPTION_KEY").doesNotContain("the-code");
        }
    }
}
