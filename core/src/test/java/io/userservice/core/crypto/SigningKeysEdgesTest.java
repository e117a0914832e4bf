package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidTokenException;
import io.userservice.core.domain.SigningKeyStatus;
import io.userservice.core.domain.User;
import io.userservice.core.memory.InMemorySigningKeys;
import io.userservice.core.port.out.SigningKeyPort.StoredKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import io.userservice.core.port.out.SigningKeyPort;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/** When keys added, rotated or retired elsewhere are seen, to the millisecond, and which stored keys are never used. */
class SigningKeysEdgesTest {

    private static final Duration LONGEST = Duration.ofMinutes(5);
    /** The longest token lifetime, the verifier's clock skew and the store's refresh interval. */
    private static final Duration RETENTION = LONGEST.plusSeconds(30).plus(SigningKeys.REFRESH_INTERVAL);

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemorySigningKeys keyStore = new InMemorySigningKeys();
    private final JoseAccessTokens tokens = instance();
    private final User user = new User(7, "7", UUID.randomUUID(), Email.of("jane@example.com"), null, null, "en", 0,
            Set.of(), true, clock.instant(), clock.instant());

    private JoseAccessTokens instance() {
        return new JoseAccessTokens(keyStore, clock, "https://id.example.com", "api", KeyEncryption.none(), LONGEST);
    }

    private String issue(JoseAccessTokens by) {
        return by.issue(user, clock.instant(), clock.instant().plus(Duration.ofMinutes(1)));
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    private StoredKey storedKey(String keyId, String algorithm) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            return new StoredKey(keyId, algorithm, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                    clock.instant());
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnknownKeyIdRereadsTheStoreOnlyAfterTenSeconds() {
        clock.advance(Duration.ofSeconds(1));
        JoseAccessTokens other = instance();
        String newKid = other.rotate();
        String fresh = issue(other);
        assertThat(kidOf(fresh)).isEqualTo(newKid);

        clock.advance(Duration.ofSeconds(9));
        assertThatThrownBy(() -> tokens.verify(fresh)).isInstanceOf(InvalidTokenException.class);

        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.verify(fresh).userId()).isEqualTo(7);
    }

    @Test
    void theStoreIsRereadAfterAMinuteEvenWithoutAnUnknownKeyId() {
        String oldKid = kidOf(issue(tokens));
        clock.advance(Duration.ofSeconds(1));
        String newKid = instance().rotate();

        clock.advance(SigningKeys.REFRESH_INTERVAL.minusSeconds(1));
        assertThat(kidOf(issue(tokens))).isEqualTo(oldKid);

        clock.advance(Duration.ofMillis(1));
        assertThat(kidOf(issue(tokens))).isEqualTo(newKid);
    }

    @Test
    void aRetiredKeyIsPublishedUntilJustBeforeItsRetentionEnds() {
        String oldKid = kidOf(issue(tokens));
        tokens.rotate();

        clock.advance(RETENTION.minusMillis(1));
        assertThat(tokens.publicKeySetJson()).contains(oldKid);
        assertThat(tokens.keys()).filteredOn(k -> k.keyId().equals(oldKid)).singleElement()
                .satisfies(k -> assertThat(k.published()).isTrue());

        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.publicKeySetJson()).doesNotContain(oldKid);
        assertThat(tokens.keys()).filteredOn(k -> k.keyId().equals(oldKid)).singleElement()
                .satisfies(k -> {
                    assertThat(k.published()).isFalse();
                    assertThat(k.acceptedUntil()).isEqualTo(k.retiredAt().plus(RETENTION));
                });
    }

    @Test
    void rotatingRaisesNoGenerationButDroppingAKeyDoes() {
        long start = tokens.keyGeneration();
        String oldKid = kidOf(issue(tokens));
        clock.advance(Duration.ofSeconds(1));

        tokens.rotate();
        assertThat(tokens.keyGeneration()).isEqualTo(start);

        tokens.revoke(oldKid);
        assertThat(tokens.keyGeneration()).isEqualTo(start + 1);
    }

    @Test
    void aStoredKeyOfAnotherAlgorithmNeverSignsNorVerifies() {
        String rsaKid = kidOf(issue(tokens));
        clock.advance(Duration.ofSeconds(1));
        keyStore.add(storedKey("other-alg", "PS256"));

        JoseAccessTokens restarted = instance();

        assertThat(kidOf(issue(restarted))).isEqualTo(rsaKid);
        assertThat(restarted.publicKeySetJson()).doesNotContain("other-alg");
        assertThat(restarted.keys()).filteredOn(k -> k.keyId().equals("other-alg")).singleElement()
                .satisfies(k -> assertThat(k.active()).isFalse())
                .satisfies(k -> assertThat(k.published()).as("listed as the key set publishes it").isFalse());
        assertThat(restarted.keys()).filteredOn(SigningKeyStatus::active).singleElement()
                .satisfies(k -> assertThat(k.keyId()).isEqualTo(rsaKid));
    }

    @Test
    void revokingAnUnknownOrRevokedKeyChangesNothing() {
        String kid = kidOf(issue(tokens));

        assertThat(tokens.revoke("no-such-key")).isFalse();
        assertThat(tokens.keys()).singleElement().satisfies(k -> assertThat(k.keyId()).isEqualTo(kid));

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.revoke(kid)).isTrue();
        assertThat(tokens.revoke(kid)).isFalse();
        assertThat(tokens.keys()).hasSize(2).filteredOn(k -> k.keyId().equals(kid)).singleElement()
                .satisfies(k -> {
                    assertThat(k.revokedAt()).isEqualTo(clock.instant());
                    assertThat(k.published()).isFalse();
                    assertThat(k.active()).isFalse();
                });
    }

    @Test
    void revokingARetiredKeyKeepsTheActiveOne() {
        String oldKid = kidOf(issue(tokens));
        clock.advance(Duration.ofSeconds(1));
        String active = tokens.rotate();

        assertThat(tokens.revoke(oldKid)).isTrue();

        assertThat(kidOf(issue(tokens))).isEqualTo(active);
        assertThat(tokens.keys()).hasSize(2);
    }

    @Test
    void anUnencryptedStoreListsItsKeysAsNotEncrypted() {
        issue(tokens);

        assertThat(tokens.keys()).singleElement().satisfies(k -> {
            assertThat(k.encrypted()).isFalse();
            assertThat(k.active()).isTrue();
            assertThat(k.published()).isTrue();
            assertThat(k.acceptedUntil()).isNull();
            assertThat(k.retiredAt()).isNull();
        });
    }

    @Test
    void aGeneratedKeyIsStoredWithItsIdAlgorithmAndUse() throws JoseException {
        StoredKey stored = keyStore.findAll().get(0);
        JsonWebKey document = JsonWebKey.Factory.newJwk(stored.privateJwk());

        assertThat(stored.keyId()).hasSize(16);
        assertThat(document.getKeyId()).isEqualTo(stored.keyId());
        assertThat(document.getAlgorithm()).isEqualTo("RS256");
        assertThat(document.getUse()).isEqualTo("sig");
    }

    @Test
    void aStoredKeyWhoseDocumentNamesNoIdSignsUnderItsStoredId() throws JoseException {
        RsaJsonWebKey anonymous = RsaJwkGenerator.generateJwk(2048);
        keyStore.add(new StoredKey("stored-id-0001", "RS256",
                anonymous.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), clock.instant().plusSeconds(1)));
        clock.advance(SigningKeys.REFRESH_INTERVAL.plusSeconds(1));

        String token = issue(tokens);
        assertThat(kidOf(token)).isEqualTo("stored-id-0001");
        assertThat(tokens.verify(token).userId()).isEqualTo(7);
    }

    @Test
    void aSigningKeyRevokedElsewhereWithoutASuccessorIsReplacedAtTheNextRead() {
        String first = keyStore.findAll().get(0).keyId();
        keyStore.revoke(first, clock.instant());
        clock.advance(SigningKeys.REFRESH_INTERVAL.plusSeconds(1));

        String token = issue(tokens);
        assertThat(kidOf(token)).isNotEqualTo(first);
        assertThat(keyStore.findAll()).hasSize(2);
        assertThat(tokens.verify(token).userId()).isEqualTo(7);
    }

    @Test
    void aRevocationThatAnotherInstanceMadeFirstIsNotReportedAsThisOnesAndAnUnknownIdWritesNothing() {
        List<String> revocations = new ArrayList<>();
        InMemorySigningKeys shared = new InMemorySigningKeys();
        SigningKeyPort racing = new SigningKeyPort() {
            @Override
            public List<StoredKey> findAll() {
                return shared.findAll();
            }

            @Override
            public void add(StoredKey key) {
                shared.add(key);
            }

            @Override
            public boolean rotate(StoredKey key, Instant at) {
                return shared.rotate(key, at);
            }

            @Override
            public boolean revoke(String keyId, Instant at) {
                revocations.add(keyId);
                shared.revoke(keyId, at); // another instance revokes it first
                return shared.revoke(keyId, at);
            }

            @Override
            public boolean replacePrivateJwk(String keyId, String expected, String replacement) {
                return shared.replacePrivateJwk(keyId, expected, replacement);
            }

            @Override
            public int deleteRetiredBefore(Instant cutoff) {
                return shared.deleteRetiredBefore(cutoff);
            }
        };
        JoseAccessTokens racingTokens = new JoseAccessTokens(racing, clock, "https://id.example.com", "api",
                KeyEncryption.none(), LONGEST);
        String first = shared.findAll().get(0).keyId();

        assertThat(racingTokens.revoke("no-such-key")).isFalse();
        assertThat(revocations).isEmpty();

        assertThat(racingTokens.revoke(first)).isFalse();
        assertThat(revocations).containsExactly(first);
    }
}
