package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static io.userservice.core.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.AccountState;
import io.userservice.core.domain.AuditAction;
import io.userservice.core.domain.AuditEntry;
import io.userservice.core.domain.AuditEvent;
import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.EmailChange;
import io.userservice.core.domain.MailKind;
import io.userservice.core.domain.NewOutboxMail;
import io.userservice.core.domain.Outcome;
import io.userservice.core.domain.PortalSession;
import io.userservice.core.domain.RefreshToken;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.Session;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.domain.User;
import io.userservice.core.port.out.MailOutboxPort.SendLimit;
import io.userservice.core.port.out.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every service state must do for a user's own account: list and end their sessions (refresh
 * families) with where they were used, keep requested email changes, find the audit events about
 * them, and erase everything kept about them, leaving other users alone. A store implementation
 * runs it by extending this class with a factory for a fresh, empty state.
 */
public abstract class AccountDataContract {

    private static final Duration TTL = Duration.ofDays(30);
    private static final Duration SESSION_LIFETIME = Duration.ofDays(90);
    private static final SendLimit GENEROUS = new SendLimit(1000, Duration.ofHours(1));
    private static final SessionClient PHONE = new SessionClient("192.0.2.7", "Phone/1.0 (o'brien; --)");
    private static final SessionClient LAPTOP = new SessionClient("2001:db8::1", "Laptop/2.0");

    private ServiceState state;
    private long ann;
    private long bob;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        state = newState();
        ann = aUserId();
        bob = aUserId();
    }

    private static User aUser(long id, long epoch) {
        return new User(id, Long.toString(id), UUID.randomUUID(), Email.of("u" + id + "@example.com"), null, null,
                "en", 0, Set.of(), true, T0, T0, null, null, epoch);
    }

    /** Signs {@code userId} in at {@code at}: a family with its first token; returns the token. */
    private RefreshToken signIn(long userId, long epoch, String hash, Instant at, SessionClient client) {
        RefreshToken token = RefreshToken.startingSession(hash, aUser(userId, epoch), at, TTL, SESSION_LIFETIME);
        state.refreshTokens().save(token);
        state.refreshTokens().recordUse(token.familyId(), client, at);
        return token;
    }

    @Test
    void aSessionShowsWhereItStartedAndWhereItWasLastUsed() {
        RefreshToken first = signIn(ann, 0, "s1", T0, PHONE);
        RefreshToken next = first.successor("s2", T0.plusSeconds(60), TTL, SESSION_LIFETIME);
        assertThat(state.refreshTokens().rotate("s1", next, new byte[] {1, 2, 3}, T0.plusSeconds(60))).isTrue();
        state.refreshTokens().recordUse(first.familyId(), LAPTOP, T0.plusSeconds(60));

        List<Session> sessions = state.refreshTokens().sessionsOf(ann, 0, T0.plusSeconds(120));

        assertThat(sessions).hasSize(1);
        Session session = sessions.get(0);
        assertThat(session.id()).isEqualTo(first.familyId());
        assertThat(millis(session.createdAt())).isEqualTo(millis(T0));
        assertThat(millis(session.lastUsedAt())).isEqualTo(millis(T0.plusSeconds(60)));
        assertThat(session.lastClient()).isEqualTo(LAPTOP);
        assertThat(session.signInClient()).isEqualTo(PHONE);
    }

    @Test
    void aRotationNotesTheClientThatMadeIt() {
        RefreshToken first = signIn(ann, 0, "s1", T0, PHONE);
        RefreshToken next = first.successor("s2", T0.plusSeconds(60), TTL, SESSION_LIFETIME);

        assertThat(state.refreshTokens().rotate("s1", next, new byte[] {1}, T0.plusSeconds(60), LAPTOP)).isTrue();

        Session session = state.refreshTokens().sessionsOf(ann, 0, T0.plusSeconds(120)).get(0);
        assertThat(millis(session.lastUsedAt())).isEqualTo(millis(T0.plusSeconds(60)));
        assertThat(session.lastClient()).isEqualTo(LAPTOP);
        assertThat(session.signInClient()).isEqualTo(PHONE);
        assertThat(state.refreshTokens().findByHash("s2")).isPresent();
    }

    @Test
    void aRotationThatIsRefusedNotesNoUse() {
        RefreshToken first = signIn(ann, 0, "s1", T0, PHONE);
        assertThat(state.refreshTokens().rotate("s1", first.successor("s2", T0.plusSeconds(60), TTL,
                SESSION_LIFETIME), new byte[] {1}, T0.plusSeconds(60), LAPTOP)).isTrue();
        SessionClient thief = new SessionClient("198.51.100.9", "Other/1.0");

        assertThat(state.refreshTokens().rotate("s1", first.successor("s3", T0.plusSeconds(90), TTL,
                SESSION_LIFETIME), new byte[] {2}, T0.plusSeconds(90), thief)).isFalse();
        RefreshToken other = signIn(ann, 0, "o1", T0.plusSeconds(1), PHONE);
        state.refreshTokens().revokeFamily(other.familyId(), T0.plusSeconds(100));
        assertThat(state.refreshTokens().rotate("o1", other.successor("o2", T0.plusSeconds(110), TTL,
                SESSION_LIFETIME), new byte[] {3}, T0.plusSeconds(110), thief)).isFalse();

        List<Session> sessions = state.refreshTokens().sessionsOf(ann, 0, T0.plusSeconds(120));
        assertThat(sessions).extracting(Session::id).containsExactly(first.familyId());
        assertThat(millis(sessions.get(0).lastUsedAt())).isEqualTo(millis(T0.plusSeconds(60)));
        assertThat(sessions.get(0).lastClient()).isEqualTo(LAPTOP);
        assertThat(state.refreshTokens().findByHash("s3")).isEmpty();
        assertThat(state.refreshTokens().findByHash("o2")).isEmpty();
    }

    @Test
    void onlyLiveSessionsOfTheUserAtTheirEpochAreListedNewestFirst() {
        RefreshToken older = signIn(ann, 1, "older", T0, PHONE);
        RefreshToken newer = signIn(ann, 1, "newer", T0.plusSeconds(10), SessionClient.unknown());
        RefreshToken revoked = signIn(ann, 1, "revoked", T0.plusSeconds(20), PHONE);
        state.refreshTokens().revokeFamily(revoked.familyId(), T0.plusSeconds(30));
        signIn(ann, 0, "old-epoch", T0.plusSeconds(40), PHONE);
        signIn(bob, 1, "bobs", T0.plusSeconds(50), PHONE);
        state.refreshTokens().save(RefreshToken.startingSession("expired", aUser(ann, 1), T0.minus(TTL).minusSeconds(1),
                TTL, SESSION_LIFETIME));

        List<Session> sessions = state.refreshTokens().sessionsOf(ann, 1, T0.plusSeconds(60));

        assertThat(sessions).extracting(Session::id).containsExactly(newer.familyId(), older.familyId());
        assertThat(sessions.get(0).lastClient()).isEqualTo(SessionClient.unknown());
    }

    @Test
    void aSessionIsEndedOnlyByItsOwnerAndOnlyOnce() {
        RefreshToken annsToken = signIn(ann, 0, "ann-1", T0, PHONE);

        boolean byBob = state.refreshTokens().revokeSession(bob, annsToken.familyId(), T0.plusSeconds(1));
        List<Race.Outcome<Boolean>> outcomes = Race.run(8,
                i -> state.refreshTokens().revokeSession(ann, annsToken.familyId(), T0.plusSeconds(2)));

        assertThat(byBob).isFalse();
        assertThat(Race.winners(outcomes)).hasSize(8).containsOnlyOnce(true);
        assertThat(state.refreshTokens().findByHash("ann-1").orElseThrow().revokedAt()).isNotNull();
        assertThat(state.refreshTokens().sessionsOf(ann, 0, T0.plusSeconds(3))).isEmpty();
        assertThat(state.refreshTokens().revokeSession(ann, UUID.randomUUID(), T0.plusSeconds(4))).isFalse();
    }

    @Test
    void aSignOutEverywhereRaisesTheEpochAndSetsValidAfter() {
        state.accounts().grant(ann, Role.ADMIN);
        long before = state.accounts().stateOf(ann).credentialEpoch();

        state.accounts().signedOutEverywhere(ann, T0);

        AccountState after = state.accounts().stateOf(ann);
        assertThat(after.credentialEpoch()).isEqualTo(before + 1);
        assertThat(millis(after.validAfter())).isEqualTo(millis(T0));
        assertThat(after.roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void anEmailChangeIsFoundByItsCodeHash() {
        state.emailChanges().save(new EmailChange("change-1", ann, Email.of("new@example.com"), T0));

        EmailChange found = state.emailChanges().find("change-1").orElseThrow();

        assertThat(found.userId()).isEqualTo(ann);
        assertThat(found.newEmail()).isEqualTo(Email.of("new@example.com"));
        assertThat(millis(found.expiresAt())).isEqualTo(millis(T0));
        assertThat(state.emailChanges().find("change-2")).isEmpty();
    }

    @Test
    void aNoticeWithoutACodeIsQueuedAndCountedAgainstTheLimit() {
        SendLimit one = new SendLimit(1, Duration.ofHours(1));
        NewOutboxMail notice = new NewOutboxMail(MailKind.PASSWORD_CHANGED_NOTICE, "ann@example.com", "fr", "Zoë",
                null, null, "key-1", T0);

        Long id = state.mailOutbox().queue(notice, one).orElseThrow();

        assertThat(state.mailOutbox().find(id).orElseThrow().code()).isNull();
        assertThat(state.mailOutbox().find(id).orElseThrow().kind()).isEqualTo(MailKind.PASSWORD_CHANGED_NOTICE);
        assertThat(state.mailOutbox().queue(notice, one)).isEmpty();
    }

    @Test
    void theAuditEventsAboutAUserAreThoseNamingThemNewestFirst() {
        state.auditLog().record(new AuditEvent(T0, "a", ann, ann, null, Outcome.SUCCESS.storedForm(), null));
        state.auditLog().record(new AuditEvent(T0, "b", bob, bob, null, Outcome.SUCCESS.storedForm(), null));
        state.auditLog().record(new AuditEvent(T0, "c", bob, ann, null, Outcome.SUCCESS.storedForm(), null));
        state.auditLog().record(new AuditEvent(T0, "d", ann, null, null, Outcome.DENIED.storedForm(), null));
        state.auditLog().record(new AuditEvent(T0, "e", null, ann, null, Outcome.DENIED.storedForm(), null));

        List<AuditEntry> about = state.auditLog().about(ann, 3);

        assertThat(about).extracting(e -> e.event().action()).containsExactly("e", "d", "c");
        assertThat(state.auditLog().about(ann, 10)).extracting(e -> e.event().action())
                .containsExactly("e", "d", "c", "a");
    }

    @Test
    void theLatestEventOfAnActionAboutAUserIsFound() {
        state.auditLog().record(new AuditEvent(T0, "sign-in", ann, ann, null, Outcome.SUCCESS.storedForm(), null));
        state.auditLog().record(new AuditEvent(T0.plusSeconds(5), "sign-in", ann, ann, null,
                Outcome.SUCCESS.storedForm(), null));
        state.auditLog().record(new AuditEvent(T0.plusSeconds(9), "sign-in", null, ann, null,
                Outcome.DENIED.storedForm(), null));
        state.auditLog().record(new AuditEvent(T0.plusSeconds(9), "logout", ann, ann, null,
                Outcome.SUCCESS.storedForm(), null));

        assertThat(state.auditLog().latest(ann, AuditAction.SIGN_IN, Outcome.SUCCESS).map(StoreFixtures::millis))
                .contains(millis(T0.plusSeconds(5)));
        assertThat(state.auditLog().latest(bob, AuditAction.SIGN_IN, Outcome.SUCCESS)).isEmpty();
    }

    @Test
    void erasingAUsersMailFindsItAtEveryAddressTheyHadAndLeavesOthersMail() {
        String a = Long.toString(ann);
        String before = "before" + a + "@example.com";
        String after = "after" + a + "@example.com";
        String bobs = "bob" + a + "@example.com";
        SendLimit two = new SendLimit(2, Duration.ofHours(1));
        Long atBefore = state.mailOutbox().queue(notice(before, ann, "1"), two).orElseThrow();
        Long atAfter = state.mailOutbox().queue(notice(after, ann, "2"), two).orElseThrow();
        Long nobodys = state.mailOutbox().queue(notice(after, null, "3"), two).orElseThrow();
        Long bobsMail = state.mailOutbox().queue(notice(bobs, bob, "4"), two).orElseThrow();
        // the address the user held before belongs to Bob now: his own mail to it stays
        Long bobsAtBefore = state.mailOutbox().queue(notice(before, bob, "5"), two).orElseThrow();

        assertThat(state.mailOutbox().eraseUser(ann)).isEqualTo(2);
        assertThat(state.mailOutbox().eraseUser(ann)).isZero();

        assertThat(state.mailOutbox().find(nobodys)).isPresent();
        assertThat(state.mailOutbox().find(bobsMail)).isPresent();
        assertThat(state.mailOutbox().find(bobsAtBefore)).isPresent();
        assertThat(state.mailOutbox().find(atBefore)).isEmpty();
        assertThat(state.mailOutbox().find(atAfter)).isEmpty();
        // the erased user's addresses start afresh: their counts went with their mail
        assertThat(state.mailOutbox().queue(notice(before, null, "6"), two)).isPresent();
        assertThat(state.mailOutbox().queue(notice(before, null, "7"), two)).isPresent();
        assertThat(state.mailOutbox().queue(notice(before, null, "8"), two)).isEmpty();
        assertThat(state.mailOutbox().queue(notice(bobs, bob, "9"), two)).isPresent();
        assertThat(state.mailOutbox().queue(notice(bobs, bob, "10"), two)).isEmpty();
    }

    private NewOutboxMail notice(String recipient, Long userId, String key) {
        return new NewOutboxMail(MailKind.PASSWORD_CHANGED_NOTICE, recipient, "en", null, null, null,
                "key-" + ann + "-" + key, T0, userId);
    }

    @Test
    void erasingAUserLeavesNothingOfThemAndEverythingOfOthers() {
        for (long user : new long[] {ann, bob}) {
            String mark = Long.toString(user);
            state.accounts().grant(user, new Role("editor"));
            state.attributes().put(user, "plan", "gold");
            signIn(user, 0, "token-" + mark, T0, PHONE);
            state.codes().save(new SingleUseCode("code-" + mark, CodePurpose.RESET_PASSWORD, user, T0,
                    T0.plusSeconds(3600)));
            state.portalSessions().create(new PortalSession("portal-" + mark, user, T0, T0.plusSeconds(3600)));
            state.emailChanges().save(new EmailChange("change-" + mark, user, Email.of("next" + mark + "@example.com"),
                    T0.plusSeconds(3600)));
            state.mailOutbox().queue(new NewOutboxMail(MailKind.PASSWORD_CHANGED_NOTICE, "u" + mark + "@example.com",
                    "en", null, null, null, "key-" + mark, T0), GENEROUS);
        }
        String a = Long.toString(ann);
        String b = Long.toString(bob);

        List<Email> named = state.emailChanges().eraseUser(ann);
        int mails = state.mailOutbox().eraseRecipient("u" + a + "@example.com");
        assertThat(state.codes().eraseUser(ann)).isEqualTo(1);
        assertThat(state.refreshTokens().eraseUser(ann)).isEqualTo(1);
        assertThat(state.portalSessions().eraseUser(ann)).isEqualTo(1);
        assertThat(state.attributes().eraseUser(ann)).isEqualTo(1);
        state.accounts().erase(ann);

        assertThat(named).containsExactly(Email.of("next" + a + "@example.com"));
        assertThat(mails).isEqualTo(1);
        assertThat(state.emailChanges().find("change-" + a)).isEmpty();
        assertThat(state.codes().isUsable("code-" + a, CodePurpose.RESET_PASSWORD, T0)).isFalse();
        assertThat(state.refreshTokens().findByHash("token-" + a)).isEmpty();
        assertThat(state.refreshTokens().sessionsOf(ann, 0, T0)).isEmpty();
        assertThat(state.portalSessions().find("portal-" + a)).isEmpty();
        assertThat(state.attributes().attributesOf(ann)).isEmpty();
        assertThat(state.accounts().stateOf(ann)).isEqualTo(AccountState.initial());

        assertThat(state.emailChanges().find("change-" + b)).isPresent();
        assertThat(state.codes().isUsable("code-" + b, CodePurpose.RESET_PASSWORD, T0)).isTrue();
        assertThat(state.refreshTokens().findByHash("token-" + b)).isPresent();
        assertThat(state.refreshTokens().sessionsOf(bob, 0, T0)).hasSize(1);
        assertThat(state.portalSessions().find("portal-" + b)).isPresent();
        assertThat(state.attributes().attributesOf(bob)).containsEntry("plan", "gold");
        assertThat(state.accounts().stateOf(bob).roles()).containsExactly(new Role("editor"));
        assertThat(state.mailOutbox().eraseRecipient("u" + b + "@example.com")).isEqualTo(1);
    }

    @Test
    void endingEveryPortalSessionOfAUserLeavesOthersAlone() {
        state.portalSessions().create(new PortalSession("ann-1", ann, T0, T0.plusSeconds(3600)));
        state.portalSessions().create(new PortalSession("ann-2", ann, T0, T0.plusSeconds(3600)));
        state.portalSessions().create(new PortalSession("bob-1", bob, T0, T0.plusSeconds(3600)));

        assertThat(state.portalSessions().endAllOfUser(ann, T0)).isEqualTo(2);

        assertThat(state.portalSessions().find("ann-1")).isEmpty();
        assertThat(state.portalSessions().find("ann-2")).isEmpty();
        assertThat(state.portalSessions().find("bob-1")).isPresent();
    }
}
