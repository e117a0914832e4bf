package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static io.userservice.core.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.Passkey;
import io.userservice.core.domain.PasskeyChallenge;
import io.userservice.core.domain.PasskeyChallenge.Purpose;
import io.userservice.core.port.out.PasskeyState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store of the passkeys' state ({@link PasskeyState}) must do. The races run on two
 * state instances over one store where the store allows it ({@link #secondInstance}), as two
 * servers would.
 */
public abstract class PasskeyStateContract {

    private PasskeyState state;
    private PasskeyState other;
    private long ann;
    private long bob;

    /** A fresh, empty state; called before each test. */
    protected abstract PasskeyState newState();

    /** Another instance over the same store as the last {@link #newState()}; the same one when there is no other. */
    protected PasskeyState secondInstance() {
        return state;
    }

    @BeforeEach
    void openStores() {
        state = newState();
        other = secondInstance();
        ann = aUserId();
        bob = aUserId();
    }

    private static Passkey aPasskey(long userId, String credential, String name) {
        return new Passkey(UUID.randomUUID().toString(), userId, credential.getBytes(StandardCharsets.UTF_8),
                ("record-of-" + credential).getBytes(StandardCharsets.UTF_8), 7, name, T0, null);
    }

    private static PasskeyChallenge aChallenge(String digest, Purpose purpose, Long userId) {
        return new PasskeyChallenge(digest, purpose, userId, T0, T0.plusSeconds(300));
    }

    @Test
    void aPasskeyIsStoredWithEveryFieldAndFoundByItsExactCredentialId() {
        Passkey key = aPasskey(ann, "cred-1", "Laptop");
        assertThat(state.passkeys().add(key)).isTrue();

        Passkey found = other.passkeys().findByCredentialId("cred-1".getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(found.id()).isEqualTo(key.id());
        assertThat(found.userId()).isEqualTo(ann);
        assertThat(found.credentialRecord()).isEqualTo("record-of-cred-1".getBytes(StandardCharsets.UTF_8));
        assertThat(found.signCount()).isEqualTo(7);
        assertThat(found.name()).isEqualTo("Laptop");
        assertThat(millis(found.createdAt())).isEqualTo(millis(T0));
        assertThat(found.lastUsedAt()).isNull();
        assertThat(state.passkeys().findByCredentialId("cred-".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(state.passkeys().findByCredentialId("CRED-1".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aCredentialIdIsRegisteredOnceAcrossUsers() {
        assertThat(state.passkeys().add(aPasskey(ann, "cred-1", "Laptop"))).isTrue();
        assertThat(other.passkeys().add(aPasskey(bob, "cred-1", "Stolen"))).isFalse();
        assertThat(state.passkeys().listOf(bob)).isEmpty();
    }

    @Test
    void passkeysAreListedPerUserRenamedAndDeletedOnlyByTheirOwner() {
        Passkey laptop = aPasskey(ann, "cred-1", "Laptop");
        Passkey phone = new Passkey(UUID.randomUUID().toString(), ann, "cred-2".getBytes(StandardCharsets.UTF_8),
                new byte[] {1}, 0, "Phone", T0.plusSeconds(1), null);
        Passkey bobs = aPasskey(bob, "cred-3", "Bob's");
        state.passkeys().add(laptop);
        state.passkeys().add(phone);
        state.passkeys().add(bobs);

        assertThat(state.passkeys().listOf(ann)).extracting(Passkey::name).containsExactly("Laptop", "Phone");
        assertThat(state.passkeys().rename(bob, laptop.id(), "Mine now")).isFalse();
        assertThat(state.passkeys().delete(bob, laptop.id())).isFalse();
        assertThat(state.passkeys().rename(ann, laptop.id(), "Work laptop")).isTrue();
        assertThat(state.passkeys().listOf(ann)).extracting(Passkey::name).containsExactly("Work laptop", "Phone");
        assertThat(state.passkeys().delete(ann, laptop.id())).isTrue();
        assertThat(state.passkeys().delete(ann, laptop.id())).isFalse();
        assertThat(state.passkeys().listOf(ann)).extracting(Passkey::name).containsExactly("Phone");
        assertThat(state.passkeys().listOf(bob)).extracting(Passkey::name).containsExactly("Bob's");
    }

    @Test
    void aUseIsRecordedOnlyOverTheCounterItWasCheckedAgainst() {
        Passkey key = aPasskey(ann, "cred-1", "Laptop");
        state.passkeys().add(key);

        assertThat(state.passkeys().recordUse(key.id(), 6, 9, T0.plusSeconds(5))).isFalse();
        assertThat(state.passkeys().recordUse(key.id(), 7, 9, T0.plusSeconds(5))).isTrue();
        assertThat(other.passkeys().recordUse(key.id(), 7, 10, T0.plusSeconds(6))).isFalse();
        Passkey used = state.passkeys().listOf(ann).get(0);
        assertThat(used.signCount()).isEqualTo(9);
        assertThat(millis(used.lastUsedAt())).isEqualTo(millis(T0.plusSeconds(5)));
        assertThat(state.passkeys().recordUse("no-such-id", 9, 10, T0)).isFalse();
    }

    @Test
    void twoInstancesRecordingTheSameCounterAtOnceLetOneWin() {
        Passkey key = aPasskey(ann, "cred-1", "Laptop");
        state.passkeys().add(key);

        List<Race.Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> (i % 2 == 0 ? state : other).passkeys().recordUse(key.id(), 7, 8, T0.plusSeconds(1)));

        assertThat(outcomes).filteredOn(o -> Boolean.TRUE.equals(o.value())).hasSize(1);
    }

    @Test
    void aUserKeepsOneHandleWhoeverAsksFirstAndTheHandleNamesThem() {
        String first = state.passkeys().userHandle(ann, "handle-a");
        String second = other.passkeys().userHandle(ann, "handle-b");

        assertThat(first).isEqualTo("handle-a");
        assertThat(second).isEqualTo("handle-a");
        assertThat(state.passkeys().userWithHandle("handle-a")).contains(ann);
        assertThat(state.passkeys().userWithHandle("handle-b")).isEmpty();
    }

    @Test
    void usersAskingForTheirFirstHandleAtOnceAllGetTheSameOne() {
        List<Race.Outcome<String>> outcomes = Race.run(Race.RACERS,
                i -> (i % 2 == 0 ? state : other).passkeys().userHandle(bob, "handle-" + i));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(outcomes.stream().map(Race.Outcome::value).distinct()).hasSize(1);
    }

    @Test
    void erasingAUserRemovesTheirPasskeysAndHandleOnly() {
        state.passkeys().add(aPasskey(ann, "cred-1", "Laptop"));
        state.passkeys().add(aPasskey(bob, "cred-2", "Bob's"));
        state.passkeys().userHandle(ann, "handle-a");
        state.passkeys().userHandle(bob, "handle-b");

        assertThat(state.passkeys().eraseUser(ann)).isEqualTo(1);

        assertThat(state.passkeys().listOf(ann)).isEmpty();
        assertThat(state.passkeys().userWithHandle("handle-a")).isEmpty();
        assertThat(state.passkeys().findByCredentialId("cred-1".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(state.passkeys().listOf(bob)).hasSize(1);
        assertThat(state.passkeys().userWithHandle("handle-b")).contains(bob);
    }

    @Test
    void aChallengeIsConsumedOnceOnlyForItsPurposeAndUserAndBeforeItExpires() {
        state.challenges().save(aChallenge("reg", Purpose.REGISTRATION, ann));
        state.challenges().save(aChallenge("sign", Purpose.SIGN_IN, null));

        assertThat(state.challenges().consume("reg", Purpose.SIGN_IN, null, T0)).isFalse();
        assertThat(state.challenges().consume("reg", Purpose.REGISTRATION, bob, T0)).isFalse();
        assertThat(state.challenges().consume("sign", Purpose.SIGN_IN, null, T0.plusSeconds(300))).isFalse();
        assertThat(state.challenges().consume("reg", Purpose.REGISTRATION, ann, T0.plusSeconds(1))).isTrue();
        assertThat(other.challenges().consume("reg", Purpose.REGISTRATION, ann, T0.plusSeconds(1))).isFalse();
        assertThat(other.challenges().consume("sign", Purpose.SIGN_IN, null, T0.plusSeconds(299))).isTrue();
        assertThat(state.challenges().consume("sign", Purpose.SIGN_IN, null, T0.plusSeconds(299))).isFalse();
        assertThat(state.challenges().consume("unknown", Purpose.SIGN_IN, null, T0)).isFalse();
    }

    @Test
    void aSecondFactorChallengeWorksOnlyForItsUserAndPurpose() {
        state.challenges().save(aChallenge("second", Purpose.SECOND_FACTOR, ann));

        assertThat(state.challenges().consume("second", Purpose.SIGN_IN, null, T0)).isFalse();
        assertThat(state.challenges().consume("second", Purpose.SECOND_FACTOR, bob, T0)).isFalse();
        assertThat(state.challenges().consume("second", Purpose.REGISTRATION, ann, T0)).isFalse();
        assertThat(other.challenges().consume("second", Purpose.SECOND_FACTOR, ann, T0.plusSeconds(1))).isTrue();
        assertThat(state.challenges().consume("second", Purpose.SECOND_FACTOR, ann, T0.plusSeconds(1))).isFalse();
    }

    @Test
    void aChallengeRacedOnTwoInstancesIsConsumedOnce() {
        state.challenges().save(aChallenge("raced", Purpose.SIGN_IN, null));

        List<Race.Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> (i % 2 == 0 ? state : other).challenges().consume("raced", Purpose.SIGN_IN, null, T0));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(outcomes).filteredOn(o -> Boolean.TRUE.equals(o.value())).hasSize(1);
    }

    @Test
    void expiredChallengesArePurgedAndLiveOnesStay() {
        state.challenges().save(new PasskeyChallenge("old", Purpose.SIGN_IN, null, T0, T0.plusSeconds(10)));
        state.challenges().save(aChallenge("live", Purpose.SIGN_IN, null));

        assertThat(other.challenges().deleteExpiredBefore(T0.plusSeconds(11))).isEqualTo(1);
        assertThat(state.challenges().deleteExpiredBefore(T0.plusSeconds(11))).isZero();
        assertThat(state.challenges().consume("live", Purpose.SIGN_IN, null, T0.plusSeconds(11))).isTrue();
    }
}
