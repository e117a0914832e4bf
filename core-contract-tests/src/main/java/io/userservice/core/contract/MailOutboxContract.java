package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.aUserId;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.MailOutboxPort;
import io.userservice.core.port.out.MailOutboxPort.Claim;
import io.userservice.core.port.out.MailOutboxPort.SendLimit;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.contract.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link MailOutboxPort} must do: queue a mail and its code
 * together, count the per-recipient limit atomically, hand each due mail to one claimer, let only
 * the claim that holds a mail renew, mark sent, postpone or give it up, and forget the code once
 * the mail is sent or given up. A store implementation runs it by extending
 * this class with a factory for a fresh, empty state.
 */
public abstract class MailOutboxContract {

    private static final Instant T = Instant.parse("2025-03-14T09:26:53.589Z");
    private static final SendLimit GENEROUS = new SendLimit(1000, Duration.ofHours(1));
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private MailOutboxPort outbox;
    private SingleUseCodePort codes;
    private long userId;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        ServiceState stores = newState();
        outbox = stores.mailOutbox();
        codes = stores.codes();
        userId = aUserId();
    }

    private SingleUseCode code(String hash, Instant at) {
        return new SingleUseCode(hash, CodePurpose.CONFIRM_EMAIL, userId, at, at.plusSeconds(3600));
    }

    private NewOutboxMail mail(String recipient, String code, Instant at) {
        return new NewOutboxMail(MailKind.EMAIL_CONFIRMATION, recipient, "de-CH", "Zoë", "O'Brien", code,
                "key-" + SEQUENCE.incrementAndGet(), at);
    }

    private long queue(String recipient, Instant at) {
        String code = "code-" + SEQUENCE.incrementAndGet();
        return outbox.queueWithCode(code("hash-" + code, at), mail(recipient, code, at), GENEROUS).orElseThrow();
    }

    /** Claims the one mail due at {@code now}, until {@code until}. */
    private Claim claimTheDueMail(Instant now, Instant until) {
        List<OutboxMail> claimed = outbox.claimDue(now, until, 10);
        assertThat(claimed).hasSize(1);
        return Claim.of(claimed.get(0));
    }

    @Test
    void aQueuedMailKeepsWhatRenderingNeedsAndItsCodeWorks() {
        NewOutboxMail mail = mail("ann@example.com", "the-code", T);

        long id = outbox.queueWithCode(code("the-hash", T), mail, GENEROUS).orElseThrow();

        OutboxMail stored = outbox.find(id).orElseThrow();
        assertThat(stored.kind()).isEqualTo(MailKind.EMAIL_CONFIRMATION);
        assertThat(stored.recipient()).isEqualTo("ann@example.com");
        assertThat(stored.language()).isEqualTo("de-CH");
        assertThat(stored.firstname()).isEqualTo("Zoë");
        assertThat(stored.lastname()).isEqualTo("O'Brien");
        assertThat(stored.code()).isEqualTo("the-code");
        assertThat(stored.messageKey()).isEqualTo(mail.messageKey());
        assertThat(stored.attempts()).isZero();
        assertThat(stored.createdAt()).isEqualTo(T);
        assertThat(stored.nextAttemptAt()).isEqualTo(T);
        assertThat(stored.pending()).isTrue();
        assertThat(codes.consume("the-hash", CodePurpose.CONFIRM_EMAIL, T.plusSeconds(1))).contains(userId);
    }

    @Test
    void theBacklogCountsThePendingMailsAndTheAgeOfTheOldest() {
        assertThat(outbox.backlog(T)).isEqualTo(new io.userservice.core.port.out.ServiceObserver.MailBacklog(0,
                Duration.ZERO));
        queue("ann@example.com", T);
        queue("bob@example.com", T.plusSeconds(30));
        queue("cid@example.com", T.plusSeconds(40));
        Claim sent = claimTheDueMail(T, T.plusSeconds(10));
        assertThat(outbox.markSent(sent, T.plusSeconds(1))).isTrue();
        outbox.claimDue(T.plusSeconds(35), T.plusSeconds(60), 1); // claimed, still pending

        var backlog = outbox.backlog(T.plusSeconds(100));

        assertThat(backlog.pending()).isEqualTo(2);
        assertThat(backlog.oldestPendingAge()).isEqualTo(Duration.ofSeconds(70));
    }

    @Test
    void aFreshMailIsDueAtOnceAndClaimedWithOneMoreAttempt() {
        long id = queue("ann@example.com", T);

        List<OutboxMail> claimed = outbox.claimDue(T, T.plusSeconds(300), 10);

        assertThat(claimed).extracting(OutboxMail::id).containsExactly(id);
        assertThat(claimed.get(0).attempts()).isEqualTo(1);
        assertThat(claimed.get(0).code()).startsWith("code-");
        assertThat(outbox.find(id).orElseThrow().nextAttemptAt()).isEqualTo(T.plusSeconds(300));
    }

    @Test
    void aClaimedMailIsNotDueAgainBeforeItsClaimExpires() {
        long id = queue("ann@example.com", T);
        outbox.claimDue(T, T.plusSeconds(300), 10);

        assertThat(outbox.claimDue(T.plusSeconds(299), T.plusSeconds(600), 10)).isEmpty();
        assertThat(outbox.claimDue(T.plusSeconds(300), T.plusSeconds(600), 10)).extracting(OutboxMail::id)
                .as("a dispatcher that died leaves the mail to another").containsExactly(id);
    }

    @Test
    void claimsTakeTheOldestDueFirstAndAtMostTheAskedNumber() {
        long first = queue("a@example.com", T);
        long second = queue("b@example.com", T.plusMillis(1));
        long third = queue("c@example.com", T.plusMillis(2));
        queue("later@example.com", T.plusSeconds(60));

        List<OutboxMail> claimed = outbox.claimDue(T.plusSeconds(1), T.plusSeconds(300), 2);
        List<OutboxMail> rest = outbox.claimDue(T.plusSeconds(1), T.plusSeconds(300), 10);

        assertThat(claimed).extracting(OutboxMail::id).containsExactly(first, second);
        assertThat(rest).extracting(OutboxMail::id).containsExactly(third);
    }

    @Test
    void aSentMailForgetsItsCodeAndIsNeverDueAgain() {
        long id = queue("ann@example.com", T);
        Claim claim = claimTheDueMail(T, T.plusSeconds(300));

        assertThat(outbox.markSent(claim, T.plusSeconds(1))).isTrue();

        OutboxMail sent = outbox.find(id).orElseThrow();
        assertThat(sent.sentAt()).isEqualTo(T.plusSeconds(1));
        assertThat(sent.code()).isNull();
        assertThat(sent.pending()).isFalse();
        assertThat(outbox.claimDue(T.plusSeconds(3600), T.plusSeconds(4000), 10)).isEmpty();
    }

    @Test
    void aFailedAttemptIsRecordedAndTheMailIsDueAtTheNextAttempt() {
        long id = queue("ann@example.com", T);
        Claim claim = claimTheDueMail(T, T.plusSeconds(300));

        assertThat(outbox.retryLater(claim, T.plusSeconds(2), "Connection refused")).isTrue();

        OutboxMail waiting = outbox.find(id).orElseThrow();
        assertThat(waiting.lastError()).isEqualTo("Connection refused");
        assertThat(waiting.pending()).isTrue();
        assertThat(waiting.code()).as("kept for the next attempt").isNotNull();
        assertThat(outbox.claimDue(T.plusMillis(1999), T.plusSeconds(300), 10)).isEmpty();
        List<OutboxMail> again = outbox.claimDue(T.plusSeconds(2), T.plusSeconds(300), 10);
        assertThat(again).extracting(OutboxMail::attempts).containsExactly(2);
        assertThat(again.get(0).messageKey()).isEqualTo(waiting.messageKey());
    }

    @Test
    void aGivenUpMailKeepsTheReasonForgetsTheCodeAndIsNeverDueAgain() {
        long id = queue("ann@example.com", T);
        Claim claim = claimTheDueMail(T, T.plusSeconds(300));

        assertThat(outbox.giveUp(claim, T.plusSeconds(5), "550 mailbox unavailable")).isTrue();

        OutboxMail given = outbox.find(id).orElseThrow();
        assertThat(given.gaveUpAt()).isEqualTo(T.plusSeconds(5));
        assertThat(given.lastError()).isEqualTo("550 mailbox unavailable");
        assertThat(given.code()).isNull();
        assertThat(given.sentAt()).isNull();
        assertThat(outbox.claimDue(T.plusSeconds(3600), T.plusSeconds(4000), 10)).isEmpty();
    }

    @Test
    void finishedMailsOlderThanTheCutoffAreDeletedAndPendingOnesStay() {
        long oldSent = queue("a@example.com", T);
        long oldGivenUp = queue("b@example.com", T.plusMillis(1));
        long oldPending = queue("c@example.com", T.plusMillis(2));
        long recentSent = queue("d@example.com", T.plusSeconds(3600));
        Map<Long, Claim> claims = new HashMap<>();
        outbox.claimDue(T.plusSeconds(3600), T.plusSeconds(3900), 10).forEach(m -> claims.put(m.id(), Claim.of(m)));
        outbox.markSent(claims.get(oldSent), T.plusSeconds(3600));
        outbox.giveUp(claims.get(oldGivenUp), T.plusSeconds(3600), "gone");
        outbox.markSent(claims.get(recentSent), T.plusSeconds(3600));

        int deleted = outbox.deleteFinishedBefore(T.plusSeconds(60));

        assertThat(deleted).isEqualTo(2);
        assertThat(outbox.find(oldSent)).isEmpty();
        assertThat(outbox.find(oldGivenUp)).isEmpty();
        assertThat(outbox.find(oldPending)).isPresent();
        assertThat(outbox.find(recentSent)).isPresent();
    }

    @Test
    void deletingOldCountsStartsTheirRecipientsAfresh() {
        SendLimit one = new SendLimit(1, Duration.ofHours(1));
        outbox.queueWithCode(code("h1", T), mail("ann@example.com", "c1", T), one);

        outbox.deleteFinishedBefore(T.plus(Duration.ofDays(1)));

        assertThat(outbox.queueWithCode(code("h2", T), mail("ann@example.com", "c2", T), one))
                .as("the count of the deleted window is gone").isPresent();
    }

    @Test
    void anUnknownMailIsNotFound() {
        assertThat(outbox.find(987_654L)).isEmpty();
    }

    @Test
    void overTheLimitNeitherTheMailNorItsCodeIsStored() {
        SendLimit twoPerHour = new SendLimit(2, Duration.ofHours(1));
        Instant windowStart = Instant.parse("2025-03-14T09:00:00Z");

        Optional<Long> first = outbox.queueWithCode(code("h1", windowStart), mail("ann@example.com", "c1", windowStart),
                twoPerHour);
        Optional<Long> second = outbox.queueWithCode(code("h2", T), mail("ann@example.com", "c2", T), twoPerHour);
        Optional<Long> third = outbox.queueWithCode(code("h3", T), mail("ann@example.com", "c3", T), twoPerHour);
        Optional<Long> otherRecipient = outbox.queueWithCode(code("h4", T), mail("bob@example.com", "c4", T),
                twoPerHour);
        Instant nextWindow = windowStart.plus(Duration.ofHours(1));
        Optional<Long> nextHour = outbox.queueWithCode(code("h5", nextWindow),
                mail("ann@example.com", "c5", nextWindow), twoPerHour);

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(third).isEmpty();
        assertThat(codes.consume("h3", CodePurpose.CONFIRM_EMAIL, T)).isEmpty();
        assertThat(otherRecipient).isPresent();
        assertThat(nextHour).as("a new window starts a new count").isPresent();
        assertThat(outbox.claimDue(nextWindow, nextWindow.plusSeconds(300), 10)).extracting(OutboxMail::code)
                .containsExactlyInAnyOrder("c1", "c2", "c4", "c5");
    }

    @Test
    void concurrentQueuingForOneRecipientNeverExceedsTheLimit() {
        SendLimit three = new SendLimit(3, Duration.ofHours(1));

        List<Outcome<Optional<Long>>> outcomes = Race.run(Race.RACERS, i -> outbox.queueWithCode(
                code("race-" + i, T), mail("race@example.com", "code-" + i, T), three));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(Race.winners(outcomes)).filteredOn(Optional::isPresent).hasSize(3);
        assertThat(outbox.claimDue(T, T.plusSeconds(300), 100)).hasSize(3);
    }

    @Test
    void concurrentClaimsHandEachMailToOneClaimer() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(queue("many" + i + "@example.com", T));
        }

        List<Outcome<List<OutboxMail>>> outcomes = Race.run(Race.RACERS,
                i -> outbox.claimDue(T.plusSeconds(1), T.plusSeconds(300), 3));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        List<Long> claimed = Race.winners(outcomes).stream().flatMap(List::stream).map(OutboxMail::id).toList();
        List<Long> rest = outbox.claimDue(T.plusSeconds(1), T.plusSeconds(300), 100).stream().map(OutboxMail::id)
                .toList();
        List<Long> all = new ArrayList<>(claimed);
        all.addAll(rest);
        assertThat(all).as("every mail claimed once, by one claimer").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aRenewedClaimKeepsTheMailUntilItsNewEnd() {
        long id = queue("ann@example.com", T);
        Claim claim = claimTheDueMail(T, T.plusSeconds(60));

        assertThat(outbox.renewClaim(claim, T.plusSeconds(80))).isTrue();

        assertThat(outbox.find(id).orElseThrow().nextAttemptAt()).isEqualTo(T.plusSeconds(80));
        assertThat(outbox.claimDue(T.plusSeconds(79), T.plusSeconds(200), 10)).isEmpty();
        assertThat(outbox.markSent(claim, T.plusSeconds(79))).as("still held").isTrue();
    }

    @Test
    void anExpiredClaimThatNobodyTookOverCanStillBeRenewed() {
        long id = queue("ann@example.com", T);
        Claim claim = claimTheDueMail(T, T.plusSeconds(60));

        assertThat(outbox.renewClaim(claim, T.plusSeconds(150))).isTrue();

        assertThat(outbox.claimDue(T.plusSeconds(100), T.plusSeconds(200), 10)).isEmpty();
        assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aClaimThatWasTakenOverCanNeitherRenewNorFinishTheMail() {
        long id = queue("ann@example.com", T);
        Claim expired = claimTheDueMail(T, T.plusSeconds(60));
        Claim current = claimTheDueMail(T.plusSeconds(61), T.plusSeconds(121));
        OutboxMail before = outbox.find(id).orElseThrow();

        assertThat(outbox.renewClaim(expired, T.plusSeconds(500))).isFalse();
        assertThat(outbox.markSent(expired, T.plusSeconds(62))).isFalse();
        assertThat(outbox.retryLater(expired, T.plusSeconds(64), "timeout")).isFalse();
        assertThat(outbox.giveUp(expired, T.plusSeconds(65), "550")).isFalse();

        assertThat(current.attempt()).isEqualTo(expired.attempt() + 1);
        assertThat(outbox.find(id).orElseThrow()).as("unchanged by the old claim").isEqualTo(before);
        assertThat(before.nextAttemptAt()).isEqualTo(T.plusSeconds(121));
        assertThat(before.code()).isNotNull();
        assertThat(before.lastError()).isNull();
        assertThat(outbox.renewClaim(current, T.plusSeconds(180))).isTrue();
        assertThat(outbox.markSent(current, T.plusSeconds(66))).isTrue();
    }

    @Test
    void aReleasedClaimHoldsTheMailNoLonger() {
        long id = queue("ann@example.com", T);
        Claim claim = claimTheDueMail(T, T.plusSeconds(60));
        outbox.retryLater(claim, T.plusSeconds(2), "Connection refused");

        assertThat(outbox.renewClaim(claim, T.plusSeconds(300))).isFalse();
        assertThat(outbox.markSent(claim, T.plusSeconds(1))).isFalse();
        assertThat(outbox.retryLater(claim, T.plusSeconds(300), "again")).isFalse();

        OutboxMail waiting = outbox.find(id).orElseThrow();
        assertThat(waiting.nextAttemptAt()).isEqualTo(T.plusSeconds(2));
        assertThat(waiting.lastError()).isEqualTo("Connection refused");
        assertThat(outbox.claimDue(T.plusSeconds(2), T.plusSeconds(62), 10)).extracting(OutboxMail::id)
                .containsExactly(id);
    }

    @Test
    void aSentMailHasNoClaimLeftToRenew() {
        long id = queue("ann@example.com", T);
        Claim claim = claimTheDueMail(T, T.plusSeconds(60));
        outbox.markSent(claim, T.plusSeconds(1));

        assertThat(outbox.renewClaim(claim, T.plusSeconds(300))).isFalse();
        assertThat(outbox.giveUp(claim, T.plusSeconds(2), "late")).isFalse();
        assertThat(outbox.find(id).orElseThrow().sentAt()).isEqualTo(T.plusSeconds(1));
        assertThat(outbox.find(id).orElseThrow().gaveUpAt()).isNull();
    }

    @Test
    void aClaimHoldsOnlyItsOwnMail() {
        long first = queue("a@example.com", T);
        long second = queue("b@example.com", T.plusMillis(1));
        List<OutboxMail> claimed = outbox.claimDue(T.plusSeconds(1), T.plusSeconds(60), 10);

        assertThat(outbox.markSent(new Claim(987_654L, 1), T.plusSeconds(2))).isFalse();
        assertThat(outbox.markSent(Claim.of(claimed.get(0)), T.plusSeconds(2))).isTrue();

        assertThat(claimed).extracting(OutboxMail::id).containsExactly(first, second);
        assertThat(outbox.find(second).orElseThrow().pending()).isTrue();
        assertThat(outbox.renewClaim(Claim.of(claimed.get(1)), T.plusSeconds(90))).isTrue();
    }

    @Test
    void whenTheHolderRenewsWhileOthersTakeTheExpiredClaimOverOneOfThemHoldsTheMail() {
        long id = queue("race@example.com", T);
        Claim expired = claimTheDueMail(T, T.plusSeconds(60));
        Instant later = T.plusSeconds(61);

        List<Outcome<Object>> outcomes = Race.run(Race.RACERS, i -> i % 2 == 0
                ? outbox.renewClaim(expired, later.plusSeconds(60))
                : outbox.claimDue(later, later.plusSeconds(60), 1));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        List<Object> results = Race.winners(outcomes);
        long renewed = results.stream().filter(Boolean.TRUE::equals).count();
        List<OutboxMail> takenOver = results.stream().filter(List.class::isInstance)
                .flatMap(r -> ((List<?>) r).stream()).map(OutboxMail.class::cast).toList();
        assertThat(takenOver).as("at most one take-over").hasSizeLessThanOrEqualTo(1);
        if (takenOver.isEmpty()) {
            assertThat(renewed).as("the holder kept the mail").isPositive();
            assertThat(outbox.markSent(expired, later)).isTrue();
        } else {
            assertThat(renewed).as("a renewal before the take-over would have prevented it").isZero();
            assertThat(outbox.markSent(expired, later)).isFalse();
            assertThat(outbox.markSent(Claim.of(takenOver.get(0)), later)).isTrue();
        }
        assertThat(outbox.find(id).orElseThrow().sentAt()).isEqualTo(later);
    }

    @Test
    void whenTheHolderMarksSentWhileOthersTakeTheExpiredClaimOverExactlyOneSucceeds() {
        long id = queue("race@example.com", T);
        Claim expired = claimTheDueMail(T, T.plusSeconds(60));
        Instant later = T.plusSeconds(61);

        List<Outcome<Object>> outcomes = Race.run(Race.RACERS, i -> i % 2 == 0
                ? outbox.markSent(expired, later)
                : outbox.claimDue(later, later.plusSeconds(60), 1));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        List<Object> results = Race.winners(outcomes);
        long sent = results.stream().filter(Boolean.TRUE::equals).count();
        long takenOver = results.stream().filter(List.class::isInstance).mapToLong(r -> ((List<?>) r).size()).sum();
        assertThat(sent + takenOver).as("either the old holder finished the mail or one claimer took it over")
                .isEqualTo(1);
        assertThat(outbox.find(id).orElseThrow().pending()).isEqualTo(takenOver == 1);
    }
}
