package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.port.KeyEncryptionException;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemorySigningKeys;
import io.userservice.core.port.out.SigningKeyPort.StoredKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

    private static final Duration LONGEST = Duration.ofDays(1);
    /** The longest lifetime, the refresh interval of other instances and the clock skew. */
    private static final Duration RETENTION = LONGEST.plusSeconds(60 + 30);
    private static final byte[] KEK = bytes(1);

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemorySigningKeys keyStore = new InMemorySigningKeys();
    private final User user = new User(7, Long.toString(7), UUID.randomUUID(), Email.of("jane@example.com"), "Jane", null,
            "en", 0, Set.of(), true, clock.instant(), clock.instant());

    private static byte[] bytes(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private JoseAccessTokens instance(KeyEncryption encryption) {
        return new JoseAccessTokens(keyStore, clock, "https://id.example.com", "api", encryption, LONGEST);
    }

    private String tokenValidFor(JoseAccessTokens tokens, Duration lifetime) {
        return tokens.issue(user, clock.instant(), clock.instant().plus(lifetime));
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void aRotatedKeySignsWhileTheOldOneStillVerifiesAndIsPublished() {
        JoseAccessTokens tokens = instance(KeyEncryption.none());
        String old = tokenValidFor(tokens, Duration.ofMinutes(15));
        clock.advance(Duration.ofSeconds(1));

        String newKid = tokens.rotate();
        String fresh = tokenValidFor(tokens, Duration.ofMinutes(15));

        assertThat(kidOf(fresh)).isEqualTo(newKid).isNotEqualTo(kidOf(old));
        assertThat(tokens.verify(old).userId()).isEqualTo(7);
        assertThat(tokens.verify(fresh).userId()).isEqualTo(7);
        assertThat(tokens.publicKeySetJson()).contains(kidOf(old), newKid);
        assertThat(tokens.keys()).extracting(SigningKeyStatus::active).containsExactly(false, true);
    }

    @Test
    void theRetiredKeyLeavesTheJwksAndIsRefusedOnceEveryTokenItSignedHasExpired() {
        JoseAccessTokens tokens = instance(KeyEncryption.none());
        // a token of the longest lifetime, dated so that it is still unexpired when the retention
        // ends, to show the key itself is no longer accepted
        java.time.Instant issuedAt = clock.instant().plus(RETENTION).minus(LONGEST).plusSeconds(10);
        String longLived = tokens.issue(user, issuedAt, issuedAt.plus(LONGEST));
        String oldKid = kidOf(longLived);
        tokens.rotate();

        clock.advance(RETENTION.minusSeconds(1));
        assertThat(tokens.verify(longLived).userId()).isEqualTo(7);
        assertThat(tokens.publicKeySetJson()).contains(oldKid);

        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> tokens.verify(longLived)).isInstanceOf(InvalidTokenException.class);
        assertThat(tokens.publicKeySetJson()).doesNotContain(oldKid);
        assertThat(tokens.keys()).filteredOn(k -> k.keyId().equals(oldKid)).singleElement()
                .satisfies(k -> assertThat(k.published()).isFalse());
    }

    @Test
    void anotherInstancePicksTheRotationUpOnAnUnknownKidAndWithinAMinute() {
        JoseAccessTokens first = instance(KeyEncryption.none());
        JoseAccessTokens second = instance(KeyEncryption.none());
        String oldKid = kidOf(tokenValidFor(second, Duration.ofMinutes(1)));
        clock.advance(Duration.ofSeconds(11));

        String newKid = first.rotate();

        assertThat(second.verify(tokenValidFor(first, Duration.ofMinutes(5))).userId()).isEqualTo(7);
        clock.advance(Duration.ofSeconds(61));
        assertThat(kidOf(tokenValidFor(second, Duration.ofMinutes(5)))).isEqualTo(newKid).isNotEqualTo(oldKid);
    }

    @Test
    void withAKeyEncryptionKeyPrivateKeysAreStoredSealed() {
        JoseAccessTokens tokens = instance(KeyEncryption.aesGcm(KEK));
        String token = tokenValidFor(tokens, Duration.ofMinutes(5));
        tokens.rotate();

        for (StoredKey key : keyStore.findAll()) {
            assertThat(key.privateJwk()).startsWith(KeyEncryption.PREFIX).doesNotContain("\"d\"", "\"p\"");
        }
        assertThat(tokens.keys()).allMatch(SigningKeyStatus::encrypted);
        JoseAccessTokens restarted = instance(KeyEncryption.aesGcm(KEK));
        assertThat(restarted.verify(token).userId()).isEqualTo(7);
    }

    @Test
    void plaintextKeysAreEncryptedWhenAKeyIsConfiguredAndTheirTokensStillVerify() {
        JoseAccessTokens plain = instance(KeyEncryption.none());
        String token = tokenValidFor(plain, Duration.ofMinutes(5));
        assertThat(keyStore.findAll().get(0).privateJwk()).startsWith("{");

        JoseAccessTokens sealed = instance(KeyEncryption.aesGcm(KEK));

        assertThat(keyStore.findAll().get(0).privateJwk()).startsWith(KeyEncryption.PREFIX);
        assertThat(sealed.verify(token).userId()).isEqualTo(7);
    }

    @Test
    void aWrongOrMissingKeyFailsWithAClearMessage() {
        instance(KeyEncryption.aesGcm(KEK));

        assertThatThrownBy(() -> instance(KeyEncryption.aesGcm(bytes(2)).named("USERSVC_KEY_ENCRYPTION_KEY")))
                .isInstanceOf(KeyEncryptionException.class)
                .hasMessageContaining("USERSVC_KEY_ENCRYPTION_KEY does not decrypt");
        assertThatThrownBy(() -> instance(KeyEncryption.none()))
                .isInstanceOf(KeyEncryptionException.class)
                .hasMessageContaining("stored encrypted");
        assertThatThrownBy(() -> KeyEncryption.aesGcm(new byte[16]))
                .isInstanceOf(KeyEncryptionException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aSealedKeyDoesNotOpenUnderAnotherKeyId() {
        KeyEncryption encryption = KeyEncryption.aesGcm(KEK);
        String sealed = encryption.seal("kid-a", "{\"kty\":\"RSA\"}");

        assertThat(encryption.open("kid-a", sealed)).isEqualTo("{\"kty\":\"RSA\"}");
        assertThatThrownBy(() -> encryption.open("kid-b", sealed)).isInstanceOf(KeyEncryptionException.class);
    }

    @Test
    void listingShowsRetirementAndAcceptanceTimes() {
        JoseAccessTokens tokens = instance(KeyEncryption.none());
        Instant rotatedAt = clock.instant().plusSeconds(5);
        clock.advance(Duration.ofSeconds(5));

        tokens.rotate();

        SigningKeyStatus old = tokens.keys().get(0);
        assertThat(old.retiredAt()).isEqualTo(rotatedAt);
        assertThat(old.acceptedUntil()).isEqualTo(rotatedAt.plus(RETENTION));
        assertThat(old.published()).isTrue();
        assertThat(tokens.keys().get(1).acceptedUntil()).isNull();
    }
}
