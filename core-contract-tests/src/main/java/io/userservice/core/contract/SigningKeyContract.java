package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.SigningKeyPort;
import io.userservice.core.port.out.SigningKeyPort.StoredKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link SigningKeyPort} must do. A store implementation runs it by
 * extending this class with a factory for a fresh, empty state.
 *
 * <p>Stores must keep instants to at least the millisecond; instants are compared at that
 * precision, so a store may drop finer digits.
 */
public abstract class SigningKeyContract {

    /** About the size of a 4096-bit RSA private key as a JWK. */
    private static final String LARGE_JWK = "{\"kty\":\"RSA\",\"kid\":\"k\",\"n\":\"" + "q".repeat(6000) + "\"}";

    private SigningKeyPort keys;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        keys = newState().signingKeys();
    }

    private static StoredKey aKey(String keyId, Instant createdAt) {
        return new StoredKey(keyId, "RS256", "{\"kty\":\"RSA\",\"kid\":\"" + keyId + "\"}", createdAt);
    }

    private static StoredKey atMillis(StoredKey key) {
        return new StoredKey(key.keyId(), key.algorithm(), key.privateJwk(), millis(key.createdAt()),
                millis(key.retiredAt()), millis(key.revokedAt()));
    }

    private List<StoredKey> stored() {
        return keys.findAll().stream().map(SigningKeyContract::atMillis).toList();
    }

    @Test
    void aRevokedKeyIsMarkedRevokedAndRetiredOnce() {
        Instant later = T0.plusSeconds(60);
        keys.add(aKey("current", T0));
        keys.rotate(aKey("newer", T0.plusSeconds(1)), T0.plusSeconds(1));

        assertThat(keys.revoke("newer", later)).isTrue();
        assertThat(keys.revoke("current", later.plusSeconds(1))).isTrue();

        assertThat(keys.revoke("newer", later.plusSeconds(5))).isFalse();
        assertThat(keys.revoke("unknown", later)).isFalse();
        assertThat(stored()).containsExactly(
                new StoredKey("current", "RS256", aKey("current", T0).privateJwk(), millis(T0),
                        millis(T0.plusSeconds(1)), millis(later.plusSeconds(1))),
                new StoredKey("newer", "RS256", aKey("newer", T0).privateJwk(), millis(T0.plusSeconds(1)),
                        millis(later), millis(later)));
    }

    @Test
    void anEmptyStoreHasNoKeys() {
        assertThat(keys.findAll()).isEmpty();
    }

    @Test
    void anAddedKeyRoundTrips() {
        StoredKey key = new StoredKey("kid-1", "RS256", LARGE_JWK, T0);

        keys.add(key);

        assertThat(stored()).containsExactly(atMillis(key));
    }

    @Test
    void keysComeOldestFirst() {
        StoredKey newest = aKey("kid-a", T0.plus(Duration.ofDays(2)));
        StoredKey oldest = aKey("kid-b", T0);
        StoredKey middle = aKey("kid-c", T0.plus(Duration.ofDays(1)));

        keys.add(newest);
        keys.add(oldest);
        keys.add(middle);

        assertThat(stored()).containsExactly(atMillis(oldest), atMillis(middle), atMillis(newest));
    }

    @Test
    void keysOfTheSameAgeComeInKeyIdOrder() {
        keys.add(aKey("kid-b", T0));
        keys.add(aKey("kid-c", T0));
        keys.add(aKey("kid-a", T0));

        assertThat(stored()).extracting(StoredKey::keyId).containsExactly("kid-a", "kid-b", "kid-c");
    }

    @Test
    void addingAnExistingKeyIdLeavesTheStoredKeyAsItIs() {
        StoredKey original = aKey("kid-1", T0);
        keys.add(original);

        keys.add(new StoredKey("kid-1", "ES256", "{\"kty\":\"EC\"}", T0.plusSeconds(60)));

        assertThat(stored()).containsExactly(atMillis(original));
    }

    @Test
    void keyIdsAreComparedExactly() {
        keys.add(aKey("kid-AbC", T0));
        keys.add(aKey("kid-abc", T0.plusSeconds(1)));
        keys.add(aKey("kid-abc ", T0.plusSeconds(2)));

        assertThat(stored()).extracting(StoredKey::keyId).containsExactly("kid-AbC", "kid-abc", "kid-abc ");
    }

    @Test
    void rotateAddsTheKeyAndRetiresEveryOtherCurrentKey() {
        StoredKey first = aKey("kid-1", T0);
        StoredKey second = aKey("kid-2", T0.plusSeconds(1));
        keys.add(first);
        keys.add(second);
        Instant at = T0.plus(Duration.ofDays(3));
        StoredKey third = aKey("kid-3", at);

        assertThat(keys.rotate(third, at)).isTrue();

        assertThat(stored()).containsExactly(
                atMillis(new StoredKey("kid-1", "RS256", first.privateJwk(), T0, at)),
                atMillis(new StoredKey("kid-2", "RS256", second.privateJwk(), T0.plusSeconds(1), at)),
                atMillis(third));
    }

    @Test
    void rotateKeepsTheRetirementTimeOfKeysRetiredBefore() {
        keys.add(aKey("kid-1", T0));
        Instant firstRotation = T0.plusSeconds(60);
        keys.rotate(aKey("kid-2", firstRotation), firstRotation);
        Instant secondRotation = T0.plusSeconds(120);

        keys.rotate(aKey("kid-3", secondRotation), secondRotation);

        assertThat(stored()).extracting(StoredKey::retiredAt)
                .containsExactly(millis(firstRotation), millis(secondRotation), null);
    }

    @Test
    void rotateWithAnExistingKeyIdChangesNothing() {
        StoredKey original = aKey("kid-1", T0);
        keys.add(original);

        assertThat(keys.rotate(aKey("kid-1", T0.plusSeconds(5)), T0.plusSeconds(5))).isFalse();

        assertThat(stored()).containsExactly(atMillis(original));
    }

    @Test
    void concurrentRotationsAllSucceedAndLeaveACurrentKey() {
        keys.add(aKey("kid-0", T0));

        List<Race.Outcome<Boolean>> outcomes = Race.run(4,
                i -> keys.rotate(aKey("kid-r" + i, T0.plusSeconds(10 + i)), T0.plusSeconds(10 + i)));

        // the last rotation to commit cannot have been retired by another, so one key at least is current
        assertThat(Race.winners(outcomes)).containsExactly(true, true, true, true);
        assertThat(stored()).hasSize(5);
        assertThat(stored()).anyMatch(k -> !k.retired());
        assertThat(stored().get(0).retired()).isTrue();
    }

    @Test
    void replacePrivateJwkSwapsOnlyTheExpectedDocument() {
        StoredKey key = aKey("kid-1", T0);
        keys.add(key);

        assertThat(keys.replacePrivateJwk("kid-1", "{\"other\":1}", "sealed-1")).isFalse();
        assertThat(keys.replacePrivateJwk("kid-1", key.privateJwk(), LARGE_JWK)).isTrue();
        assertThat(keys.replacePrivateJwk("kid-1", key.privateJwk(), "sealed-2")).isFalse();
        assertThat(keys.replacePrivateJwk("kid-unknown", key.privateJwk(), "sealed-3")).isFalse();

        assertThat(stored()).containsExactly(atMillis(new StoredKey("kid-1", "RS256", LARGE_JWK, T0)));
    }

    @Test
    void concurrentReplacementsOfOneDocumentSucceedOnce() {
        StoredKey key = aKey("kid-1", T0);
        keys.add(key);

        List<Race.Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> keys.replacePrivateJwk("kid-1", key.privateJwk(), "sealed-" + i));

        assertThat(Race.winners(outcomes)).containsOnlyOnce(true);
        assertThat(stored().get(0).privateJwk()).startsWith("sealed-");
    }

    @Test
    void purgingDeletesOnlyKeysRetiredBeforeTheCutoffNeverTheCurrentOne() {
        keys.add(aKey("first", T0));
        assertThat(keys.rotate(aKey("second", T0.plusSeconds(10)), T0.plusSeconds(10))).isTrue();
        assertThat(keys.rotate(aKey("third", T0.plusSeconds(20)), T0.plusSeconds(20))).isTrue();

        assertThat(keys.deleteRetiredBefore(T0.plusSeconds(15))).isEqualTo(1);

        assertThat(keys.findAll()).extracting(StoredKey::keyId).containsExactlyInAnyOrder("second", "third");
        assertThat(keys.deleteRetiredBefore(T0.plus(java.time.Duration.ofDays(365)))).isEqualTo(1);
        assertThat(keys.findAll()).extracting(StoredKey::keyId).containsExactly("third");
    }

    @Test
    void racingPurgesDeleteEachKeyOnce() {
        keys.add(aKey("k-0", T0));
        for (int i = 1; i <= 10; i++) {
            assertThat(keys.rotate(aKey("k-" + i, T0.plusSeconds(i)), T0.plusSeconds(i))).isTrue();
        }

        List<Race.Outcome<Integer>> outcomes = Race.run(Race.RACERS, i -> keys.deleteRetiredBefore(T0.plusSeconds(100)));

        assertThat(outcomes).allMatch(outcome -> outcome.failure() == null);
        assertThat(outcomes.stream().mapToInt(Race.Outcome::value).sum()).isEqualTo(10);
        assertThat(keys.findAll()).extracting(StoredKey::keyId).containsExactly("k-10");
    }
}
