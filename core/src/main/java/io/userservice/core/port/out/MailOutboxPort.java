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
     * Claims up to {@code max} pending mails that are due at {@code now}, oldest due first: each
     * claimed mail counts one more attempt and is not due again before {@code claimedUntil}. Of
     * concurrent calls, on any number of instances, each mail goes to at most one.
     *
     * @return the claimed mails as they are after the claim
     */
    List<OutboxMail> claimDue(Instant now, Instant claimedUntil, int max);

    /** Records that the mail was sent and forgets its code. */
    void markSent(long id, Instant now);

    /** Records a failed attempt; the pending mail is due again at {@code nextAttemptAt}. */
    void retryLater(long id, Instant nextAttemptAt, String reason);

    /** Gives the mail up with the reason of the last failure and forgets its code. */
    void giveUp(long id, Instant now, String reason);

    /**
     * Deletes the mails created before {@code cutoff} that were sent or given up, and the
     * recipient counts of windows that started before it; pending mails stay.
     *
     * @return how many mails were deleted
     */
    int deleteFinishedBefore(Instant cutoff);

    /** The mail with this id, in whatever state. */
    Optional<OutboxMail> find(long id);
}
