package io.userservice.core.memory;

import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.OutboxMail;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.port.out.MailOutboxPort;
import io.userservice.core.port.out.ServiceObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mail outbox in memory, storing codes in the given in-memory codes; thread-safe, every
 * method is atomic. Its mails do not survive the process.
 */
public final class InMemoryMailOutbox implements MailOutboxPort {

    private record Window(long start, int mails) {
    }

    private final InMemorySingleUseCodes codes;
    private final Map<Long, OutboxMail> mails = new LinkedHashMap<>();
    private final Map<String, Window> windows = new HashMap<>();
    /** The attempt whose claim holds each claimed mail; absent once released. */
    private final Map<Long, Integer> claims = new HashMap<>();
    /** The user each mail was written for, where it names one. */
    private final Map<Long, Long> owners = new HashMap<>();
    private long lastId;

    public InMemoryMailOutbox(InMemorySingleUseCodes codes) {
        this.codes = codes;
    }

    @Override
    public Optional<Long> queueWithCode(SingleUseCode code, NewOutboxMail mail, SendLimit limit) {
        return queue(code, mail, limit);
    }

    @Override
    public Optional<Long> queue(NewOutboxMail mail, SendLimit limit) {
        return queue(null, mail, limit);
    }

    @Override
    public synchronized int eraseRecipient(String recipient) {
        windows.remove(recipient);
        int before = mails.size();
        mails.values().removeIf(m -> m.recipient().equals(recipient));
        return forgetErased(before);
    }

    @Override
    public synchronized int eraseUser(long userId) {
        int before = mails.size();
        mails.values().removeIf(m -> {
            if (!Long.valueOf(userId).equals(owners.get(m.id()))) {
                return false;
            }
            windows.remove(m.recipient());
            return true;
        });
        return forgetErased(before);
    }

    private int forgetErased(int before) {
        claims.keySet().retainAll(mails.keySet());
        owners.keySet().retainAll(mails.keySet());
        return before - mails.size();
    }

    private Optional<Long> queue(SingleUseCode code, NewOutboxMail mail, SendLimit limit) {
        synchronized (this) {
            long start = limit.windowStart(mail.createdAt()).toEpochMilli();
            Window window = windows.get(mail.recipient());
            int sent = window == null || window.start() != start ? 0 : window.mails();
            if (sent >= limit.maxMails()) {
                return Optional.empty();
            }
            windows.put(mail.recipient(), new Window(start, sent + 1));
            if (code != null) {
                codes.save(code);
            }
            long id = ++lastId;
            if (mail.userId() != null) {
                owners.put(id, mail.userId());
            }
            mails.put(id, new OutboxMail(id, mail.kind(), mail.recipient(), mail.language(), mail.firstname(),
                    mail.lastname(), mail.code(), mail.messageKey(), 0, mail.createdAt(), mail.createdAt(), null,
                    null, null));
            return Optional.of(id);
        }
    }

    @Override
    public synchronized List<OutboxMail> claimDue(Instant now, Instant claimedUntil, int max) {
        List<OutboxMail> due = mails.values().stream()
                .filter(m -> m.pending() && !m.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(OutboxMail::nextAttemptAt).thenComparing(OutboxMail::id))
                .limit(Math.max(0, max))
                .toList();
        List<OutboxMail> claimed = new ArrayList<>();
        for (OutboxMail m : due) {
            OutboxMail updated = new OutboxMail(m.id(), m.kind(), m.recipient(), m.language(), m.firstname(),
                    m.lastname(), m.code(), m.messageKey(), m.attempts() + 1, m.createdAt(), claimedUntil, null, null,
                    m.lastError());
            mails.put(m.id(), updated);
            claims.put(m.id(), updated.attempts());
            claimed.add(updated);
        }
        return claimed;
    }

    @Override
    public synchronized boolean renewClaim(Claim claim, Instant claimedUntil) {
        OutboxMail m = held(claim);
        if (m == null) {
            return false;
        }
        mails.put(m.id(), new OutboxMail(m.id(), m.kind(), m.recipient(), m.language(), m.firstname(), m.lastname(),
                m.code(), m.messageKey(), m.attempts(), m.createdAt(), claimedUntil, null, null, m.lastError()));
        return true;
    }

    @Override
    public synchronized boolean markSent(Claim claim, Instant now) {
        OutboxMail m = held(claim);
        if (m == null) {
            return false;
        }
        claims.remove(m.id());
        mails.put(m.id(), new OutboxMail(m.id(), m.kind(), m.recipient(), m.language(), m.firstname(), m.lastname(),
                null, m.messageKey(), m.attempts(), m.createdAt(), m.nextAttemptAt(), now, null, m.lastError()));
        return true;
    }

    @Override
    public synchronized boolean retryLater(Claim claim, Instant nextAttemptAt, String reason) {
        OutboxMail m = held(claim);
        if (m == null) {
            return false;
        }
        claims.remove(m.id());
        mails.put(m.id(), new OutboxMail(m.id(), m.kind(), m.recipient(), m.language(), m.firstname(), m.lastname(),
                m.code(), m.messageKey(), m.attempts(), m.createdAt(), nextAttemptAt, null, null, reason));
        return true;
    }

    @Override
    public synchronized boolean giveUp(Claim claim, Instant now, String reason) {
        OutboxMail m = held(claim);
        if (m == null) {
            return false;
        }
        claims.remove(m.id());
        mails.put(m.id(), new OutboxMail(m.id(), m.kind(), m.recipient(), m.language(), m.firstname(), m.lastname(),
                null, m.messageKey(), m.attempts(), m.createdAt(), m.nextAttemptAt(), null, now, reason));
        return true;
    }

    /** The pending mail this claim holds, or {@code null} when another claim took it or it was released. */
    private OutboxMail held(Claim claim) {
        OutboxMail m = mails.get(claim.mailId());
        Integer holder = claims.get(claim.mailId());
        return m != null && m.pending() && holder != null && holder == claim.attempt() ? m : null;
    }

    @Override
    public synchronized int deleteFinishedBefore(Instant cutoff) {
        int before = mails.size();
        mails.values().removeIf(m -> !m.pending() && m.createdAt().isBefore(cutoff));
        claims.keySet().retainAll(mails.keySet());
        windows.values().removeIf(w -> w.start() < cutoff.toEpochMilli());
        return before - mails.size();
    }

    @Override
    public synchronized Optional<OutboxMail> find(long id) {
        return Optional.ofNullable(mails.get(id));
    }

    @Override
    public synchronized ServiceObserver.MailBacklog backlog(Instant now) {
        List<OutboxMail> pending = mails.values().stream().filter(OutboxMail::pending).toList();
        Instant oldest = pending.stream().map(OutboxMail::createdAt).min(Instant::compareTo).orElse(now);
        return new ServiceObserver.MailBacklog(pending.size(),
                oldest.isBefore(now) ? java.time.Duration.between(oldest, now) : java.time.Duration.ZERO);
    }
}
