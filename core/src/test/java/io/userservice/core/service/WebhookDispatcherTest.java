package io.userservice.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.CoreFixture;
import io.userservice.core.MutableClock;
import io.userservice.core.crypto.WebhookSignatures;
import io.userservice.core.domain.Caller;
import io.userservice.core.domain.ClientAddress;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.User;
import io.userservice.core.domain.WebhookDelivery;
import io.userservice.core.domain.WebhookDelivery.State;
import io.userservice.core.memory.InMemoryServiceState;
import io.userservice.core.memory.InMemoryUserDirectory;
import io.userservice.core.memory.RecordingUserNotifier;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.WebhookSender;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.WebhookSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The webhook dispatcher seen from a receiver: each message signed with the endpoint's secret
 * (and the previous one while it still signs), a 2xx answer ends it, anything else is retried with
 * a growing delay and a readable reason until the retry period is over.
 */
class WebhookDispatcherTest {

    private static final String URL = "https://hooks.example.com/in";

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final RecordingUserNotifier notifier = new RecordingUserNotifier();
    private final ServiceState state = InMemoryServiceState.create();
    private final Deque<Supplier<Integer>> answers = new ArrayDeque<>();
    private final List<Post> posts = new ArrayList<>();
    private final UserServiceCore core = UserServiceCore.builder(CoreSettings.defaults(), InMemoryUserDirectory::new,
                    state, notifier)
            .clock(clock).bcryptCost(4)
            .webhooks(new WebhookSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(15),
                    Duration.ofDays(7), 50))
            .webhookSender((url, headers, body) -> {
                posts.add(new Post(url, headers, body));
                return answers.isEmpty() ? 200 : answers.poll().get();
            })
            .build();
    private final AdministerWebhooksUseCase.WithSecret endpoint = core.administerWebhooks().create(Caller.operator(),
            new AdministerWebhooksUseCase.Settings(URL, List.of("user.updated"), null), ClientAddress.unknown());
    private final User ann = confirmed("ann@example.com");

    private record Post(String url, Map<String, String> headers, String body) {
    }

    private User confirmed(String email) {
        core.register().register(RegisterUserUseCase.Command.of(email, CoreFixture.PASSWORD, null, null, null,
                ClientAddress.unknown()));
        core.mailDispatcher().deliverDue();
        String code = notifier.lastCode(MailKind.EMAIL_CONFIRMATION, email).orElseThrow();
        return core.confirmEmail().confirm(new ConfirmEmailUseCase.Command(code, ClientAddress.unknown()));
    }

    private void renamed(String firstname) {
        core.updateName().updateName(new UpdateNameUseCase.Command(ann.id(), firstname, null));
    }

    private WebhookDelivery only() {
        List<WebhookDelivery> all = state.webhookOutbox().deliveriesOf(endpoint.endpoint().id(), 10);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static Supplier<Integer> status(int code) {
        return () -> code;
    }

    private static Supplier<Integer> failing(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    @Test
    void aMessageIsPostedSignedWithTheEndpointsSecret() {
        renamed("Ann");

        assertThat(core.webhookDispatcher().deliverDue()).isEqualTo(1);

        WebhookDelivery delivery = only();
        Post post = posts.get(0);
        long timestamp = clock.instant().getEpochSecond();
        assertThat(post.url()).isEqualTo(URL);
        assertThat(post.body()).isEqualTo(delivery.event().payload()).contains("\"firstname\":\"Ann\"");
        assertThat(post.headers()).containsExactly(Map.entry("webhook-id", delivery.event().messageId()),
                Map.entry("webhook-timestamp", Long.toString(timestamp)),
                Map.entry("webhook-signature", WebhookSignatures.sign(endpoint.secret(), delivery.event().messageId(),
                        timestamp, post.body())));
        assertThat(delivery.state()).isEqualTo(State.DELIVERED);
        assertThat(delivery.lastStatus()).isEqualTo(200);
        assertThat(core.webhookDispatcher().deliverDue()).isZero();
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForADay() {
        AdministerWebhooksUseCase.WithSecret rotated = core.administerWebhooks().rotateSecret(Caller.operator(),
                endpoint.endpoint().id(), ClientAddress.unknown());
        renamed("Ann");
        core.webhookDispatcher().deliverDue();
        clock.advance(Duration.ofHours(24));
        renamed("Anna");
        core.webhookDispatcher().deliverDue();

        Post first = posts.get(0);
        Post second = posts.get(1);
        long firstAt = Long.parseLong(first.headers().get("webhook-timestamp"));
        String id = first.headers().get("webhook-id");
        assertThat(first.headers().get("webhook-signature")).isEqualTo(
                WebhookSignatures.sign(rotated.secret(), id, firstAt, first.body()) + " "
                        + WebhookSignatures.sign(endpoint.secret(), id, firstAt, first.body()));
        assertThat(second.headers().get("webhook-signature")).isEqualTo(WebhookSignatures.sign(rotated.secret(),
                second.headers().get("webhook-id"), clock.instant().getEpochSecond(), second.body()));
    }

    @Test
    void onlyA2xxAnswerDeliversAndEachFailureWaitsTwiceAsLong() {
        answers.add(status(199));
        answers.add(status(300));
        answers.add(status(299));
        renamed("Ann");
        Instant start = clock.instant();

        core.webhookDispatcher().deliverDue();
        assertThat(only().state()).isEqualTo(State.PENDING);
        assertThat(only().lastStatus()).isEqualTo(199);
        assertThat(only().lastError()).isEqualTo("HTTP 199");
        assertThat(only().nextAttemptAt()).isEqualTo(start.plusSeconds(5));
        clock.advance(Duration.ofMillis(4999));
        assertThat(core.webhookDispatcher().deliverDue()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(core.webhookDispatcher().deliverDue()).isEqualTo(1);
        assertThat(only().lastError()).isEqualTo("HTTP 300");
        assertThat(only().nextAttemptAt()).isEqualTo(start.plusSeconds(15));
        clock.advance(Duration.ofSeconds(10));
        core.webhookDispatcher().deliverDue();

        assertThat(only().state()).isEqualTo(State.DELIVERED);
        assertThat(only().lastStatus()).isEqualTo(299);
        assertThat(posts).hasSize(3);
    }

    @Test
    void aDeliveryIsGivenUpWhenItsNextAttemptWouldBeLaterThanTheRetryPeriod() {
        answers.add(status(500));
        answers.add(status(502));
        answers.add(status(503));
        renamed("Ann");

        core.webhookDispatcher().deliverDue();
        clock.advance(Duration.ofSeconds(5));
        core.webhookDispatcher().deliverDue();
        assertThat(only().state()).as("the next attempt, at 15 s, is still within the period").isEqualTo(State.PENDING);
        clock.advance(Duration.ofSeconds(10));
        core.webhookDispatcher().deliverDue();

        assertThat(only().state()).isEqualTo(State.GAVE_UP);
        assertThat(only().lastStatus()).isEqualTo(503);
        assertThat(only().lastError()).isEqualTo("HTTP 503");
        assertThat(only().finishedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aFailureIsRecordedWithAShortOneLineReason() {
        answers.add(failing(new WebhookSender.WebhookDeliveryException("connection refused\r\n\tby peer")));
        answers.add(failing(new IllegalStateException("broken")));
        answers.add(failing(new WebhookSender.WebhookDeliveryException(null)));
        answers.add(failing(new WebhookSender.WebhookDeliveryException("x".repeat(201))));
        for (String email : List.of("bob@example.com", "cid@example.com", "dan@example.com")) {
            core.updateName().updateName(new UpdateNameUseCase.Command(confirmed(email).id(), "B", null));
        }
        renamed("Ann");

        assertThat(core.webhookDispatcher().deliverDue()).isEqualTo(4);

        List<WebhookDelivery> all = state.webhookOutbox().deliveriesOf(endpoint.endpoint().id(), 10);
        assertThat(all).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(State.PENDING);
            assertThat(d.lastStatus()).isNull();
        });
        assertThat(all).extracting(WebhookDelivery::lastError).containsExactlyInAnyOrder(
                "connection refused by peer", "IllegalStateException: broken", "no reason given", "x".repeat(200));
    }

    @Test
    void finishedDeliveriesAreDeletedAfterTheRetentionAtMostHourly() {
        renamed("Ann");
        core.webhookDispatcher().deliverDue();
        clock.advance(Duration.ofDays(7).minusMinutes(30));
        renamed("Anna");
        core.webhookDispatcher().deliverDue();
        assertThat(state.webhookOutbox().deliveriesOf(endpoint.endpoint().id(), 10)).hasSize(2);

        clock.advance(Duration.ofMinutes(31));
        core.webhookDispatcher().deliverDue();
        assertThat(state.webhookOutbox().deliveriesOf(endpoint.endpoint().id(), 10)).hasSize(2);
        clock.advance(Duration.ofMinutes(29));
        core.webhookDispatcher().deliverDue();

        assertThat(state.webhookOutbox().deliveriesOf(endpoint.endpoint().id(), 10)).hasSize(1);
    }
}
