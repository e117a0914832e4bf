package io.userservice.core.port.out;

import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.domain.SingleUseCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps mails that must be sent, together with the codes they carry, until a dispatcher has
 * delivered them. Several dispatchers (on several instances) may share one outbox.
 *
 * <p><b>Claims.</b> A dispatcher {@linkplain #claimDue claims} a mail before sending it, for a
 * limited time that it may {@linkplain #renewClaim renew} while the sending runs; a claim that
 * expired may be taken over by another claim, so the mail of a dispatcher that died is sent by
 * another. Every call that takes a {@link Claim} is one atomic, conditional step that acts only
 * for the claim currently holding the mail: the latest claim of a pending mail, until it is
 * released by {@link #markSent}, {@link #retryLater} or {@link #giveUp}. A dispatcher whose claim
 * was taken over (or released) can neither renew it, nor mark the mail sent, postpone it or give
 * it up: such calls change nothing and answer {@code false}, on any number of instances and
 * whatever the interleaving of the calls.
 */
public interface MailOutboxPort {

    /**
     * At most {@code maxMails} mails per recipient within each window of {@code window}, counted
     * from the epoch in fixed steps.
     */
    record SendLimit(int maxMails, Duration window) {

        public SendLimit {
            if (maxMails < 1) {
                throw new IllegalArgumentException("maxMails must be at least 1");
            }
            if (window == null || window.toMillis() < 1) {
                throw new IllegalArgumentException("window must be at least a millisecond");
            }
        }

        /** The start of the window that {@code at} falls in: a whole number of windows after the epoch. */
        public Instant windowStart(Instant at) {
            long windowMillis = window.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), windowMillis) * windowMillis);
        }
    }

    /**
     * A dispatcher's hold on a claimed mail: the mail, and the attempt its claim counted. Each
     * claim of a mail counts another attempt, so a later claim never has the number of an earlier one.
     */
    record Claim(long mailId, int attempt) {

        /** The claim that produced this mail, as {@link #claimDue} returned it. */
        public static Claim of(OutboxMail claimed) {
            return new Claim(claimed.id(), claimed.attempts());
        }
    }

    /**
     * In one atomic step: counts the mail against its recipient's limit and, when the limit
     * allows it, stores the code and queues the mail, due at once. Over the limit nothing is
     * stored. Concurrent calls for one recipient never queue more than the limit allows.
     *
     * @return the mail's outbox id, or empty when the limit refused it
     */
    Optional<Long> queueWithCode(SingleUseCode code, NewOutboxMail mail, SendLimit limit);

    /**
     * Like {@link #queueWithCode} for a mail that carries no code (a notice): counts it against its
     * recipient's limit and queues it, due at once, in one atomic step.
     *
     * @return the mail's outbox id, or empty when the limit refused it
     */
    Optional<Long> queue(NewOutboxMail mail, SendLimit limit);

    /**
     * Erases every mail to this recipient, whatever its state, with its recipient counts: after
     * it no mail of the outbox holds the address.
     *
     * @return how many mails were erased
     */
    int eraseRecipient(String recipient);

    /**
     * Erases every mail queued for this user ({@link NewOutboxMail#userId()}), whatever its state
     * and whatever address it went to, with the recipient counts of those addresses.
     *
     * @return how many mails were erased
     */
    int eraseUser(long userId);

    /**
     * Claims up to {@code max} pending mails that are due at {@code now}, oldest due first: each
     * claimed mail counts one more attempt and is not due again before {@code claimedUntil}. A mail
     * whose claim expired is due again, and claiming it ends the earlier claim. Of concurrent calls,
     * on any number of instances, each mail goes to at most one.
     *
     * @return the claimed mails as they are after the claim; {@link Claim#of} names each claim
     */
    List<OutboxMail> claimDue(Instant now, Instant claimedUntil, int max);

    /**
     * Extends the claim until {@code claimedUntil}, if it still holds the mail: also after it
     * expired, as long as no other claim took the mail over.
     *
     * @return whether the claim still held the mail and was extended
     */
    boolean renewClaim(Claim claim, Instant claimedUntil);

    /**
     * Records that the mail was sent and forgets its code, if the claim still holds the mail.
     *
     * @return whether the claim held the mail and the mail is now sent
     */
    boolean markSent(Claim claim, Instant now);

    /**
     * Records a failed attempt and releases the claim, if it still holds the mail; the pending mail
     * is due again at {@code nextAttemptAt}.
     *
     * @return whether the claim held the mail
     */
    boolean retryLater(Claim claim, Instant nextAttemptAt, String reason);

    /**
     * Gives the mail up with the reason of the last failure and forgets its code, if the claim
     * still holds the mail.
     *
     * @return whether the claim held the mail and the mail is now given up
     */
    boolean giveUp(Claim claim, Instant now, String reason);

    /**
     * Deletes the mails created before {@code cutoff} that were sent or given up, and the
     * recipient counts of windows that started before it; pending mails stay.
     *
     * @return how many mails were deleted
     */
    int deleteFinishedBefore(Instant cutoff);

    /** The mail with this id, in whatever state. */
    Optional<OutboxMail> find(long id);

    /**
     * How many mails wait to be sent (pending, claimed or not), and how long ago, from
     * {@code now}, the oldest of them was queued ({@link java.time.Duration#ZERO} with none).
     * Read-only; for monitoring.
     */
    ServiceObserver.MailBacklog backlog(Instant now);
}
