package io.userservice.core.port.out.contract;

import static io.userservice.core.port.out.contract.StoreFixtures.T0;
import static io.userservice.core.port.out.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.port.out.CoreStores;
import io.userservice.core.port.out.SigningKeyPort;
import io.userservice.core.port.out.SigningKeyPort.StoredKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link SigningKeyPort} must do. A store implementation runs it by
 * extending this class with a factory for fresh, empty stores.
 *
 * <p>Stores must keep instants to at least the millisecond; instants are compared at that
 * precision, so a store may drop finer digits.
 */
public abstract class SigningKeyContract {

    /** About the size of a 4096-bit RSA private key as a JWK. */
    private static final String LARGE_JWK = "{\"kty\":\"RSA\",\"kid\":\"k\",\"n\":\"" + "q".repeat(6000) + "\"}";

    private SigningKeyPort keys;

    /** Fresh, empty stores; called before each test. */
    protected abstract CoreStores newStores();

    @BeforeEach
    void openStores() {
        keys = newStores().signingKeys();
    }

    private static StoredKey aKey(String keyId, Instant createdAt) {
        return new StoredKey(keyId, "RS256", "{\"kty\":\"RSA\",\"kid\":\"" + keyId + "\"}", createdAt);
    }

    private static StoredKey atMillis(StoredKey key) {
        return new StoredKey(key.keyId(), key.algorithm(), key.privateJwk(), millis(key.createdAt()));
    }

    private List<StoredKey> stored() {
        return keys.findAll().stream().map(SigningKeyContract::atMillis).toList();
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
}
