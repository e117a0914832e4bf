package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.port.out.PasswordHasher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHashesEdgesTest {

    /** Hashes as {@code "h:" + password}; hashes starting with {@code "old:"} need a rehash. Records every call. */
    private static final class RecordingHasher implements PasswordHasher {
        final List<String> hashed = new ArrayList<>();
        final List<String> verifiedAgainst = new ArrayList<>();

        @Override
        public String hash(String password) {
            hashed.add(password);
            return "h:" + password;
        }

        @Override
        public boolean verify(String password, String hash) {
            verifiedAgainst.add(hash);
            return hash.equals("h:" + password) || hash.equals("old:" + password);
        }

        @Override
        public boolean needsRehash(String hash) {
            return hash.startsWith("old:");
        }
    }

    private final RecordingHasher hasher = new RecordingHasher();
    private final PasswordHashes hashes = new PasswordHashes(hasher);

    @Test
    void aHasherIsRequired() {
        assertThatThrownBy(() -> new PasswordHashes(null)).isInstanceOf(NullPointerException.class).hasMessage("hasher");
    }

    @Test
    void aPasswordIsHashedAndVerifiedByTheHasher() {
        assertThat(hashes.hash("secret")).isEqualTo("h:secret");
        assertThat(hashes.matches("secret", "h:secret")).isTrue();
        assertThat(hashes.matches("guess", "h:secret")).isFalse();
        assertThat(hasher.verifiedAgainst).containsExactly("h:secret", "h:secret");
    }

    @Test
    void withoutAStoredHashThePasswordIsStillVerifiedOnceAgainstADummyHashMadeOnce() {
        assertThat(hashes.matches("secret", null)).isFalse();
        assertThat(hashes.matches("h:secret", null)).isFalse();

        assertThat(hasher.hashed).singleElement().asString().startsWith("dummy password ");
        assertThat(hasher.verifiedAgainst).hasSize(2).containsOnly("h:" + hasher.hashed.get(0));
    }

    @Test
    void aHashThatNeedsARehashIsUpgradedFromThePassword() {
        assertThat(hashes.upgrade("secret", "old:secret")).contains("h:secret");
        assertThat(hashes.upgrade("secret", "h:secret")).isEmpty();
    }
}
