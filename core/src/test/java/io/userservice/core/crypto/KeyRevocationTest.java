package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userservice.core.MutableClock;
import io.userservice.core.domain.Email;
import io.userservice.core.domain.InvalidTokenException;
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
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.Test;

/** Emergency key revocation, tokens with impossible dates, and plain-text keys in a sealed store. */
class KeyRevocationTest {

    private static final Duration LONGEST = Duration.ofHours(1);

    private final MutableClock clock = MutableClock.atSomeMoment();
    private final InMemorySigningKeys keyStore = new InMemorySigningKeys();
    private final User user = new User(7, Long.toString(7), UUID.randomUUID(), Email.of("jane@example.com"), "Jane", null,
            "en", 0, Set.of(), true, clock.instant(), clock.instant());

    private JoseAccessTokens instance(KeyEncryption encryption) {
        return new JoseAccessTokens(keyStore, clock, "https://id.example.com", "api", encryption, LONGEST);
    }

    private String token(JoseAccessTokens tokens) {
        return tokens.issue(user, clock.instant(), clock.instant().plus(Duration.ofMinutes(15)));
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void aRevokedKeyStopsVerifyingAtOnceHereAndWithinAMinuteElsewhereEvenFromTheCache() {
        JoseAccessTokens here = instance(KeyEncryption.none());
        JoseAccessTokens elsewhere = instance(KeyEncryption.none());
        CachingAccessTokenVerifier cachedElsewhere = new CachingAccessTokenVerifier(elsewhere, clock,
                Duration.ofMinutes(5), 100);
        String leaked = token(here);
        String oldKid = kidOf(leaked);
        assertThat(cachedElsewhere.verify(leaked).userId()).isEqualTo(7);
        here.rotate();

        assertThat(here.revoke(oldKid)).isTrue();

        assertThatThrownBy(() -> here.verify(leaked)).isInstanceOf(InvalidTokenException.class);
        assertThat(here.publicKeySetJson()).doesNotContain(oldKid);
        assertThat(here.keys()).filteredOn(k -> k.keyId().equals(oldKid)).singleElement()
                .satisfies(k -> assertThat(k.revokedAt()).isNotNull())
                .satisfies(k -> assertThat(k.published()).isFalse());
        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> cachedElsewhere.verify(leaked)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> elsewhere.verify(leaked)).isInstanceOf(InvalidTokenException.class);
        assertThat(elsewhere.publicKeySetJson()).doesNotContain(oldKid);
        assertThat(here.revoke(oldKid)).isFalse();
        assertThat(here.revoke("no-such-key")).isFalse();
    }

    @Test
    void revokingTheActiveKeyPutsANewOneInItsPlace() {
        JoseAccessTokens tokens = instance(KeyEncryption.none());
        String before = token(tokens);

        assertThat(tokens.revoke(kidOf(before))).isTrue();

        String after = token(tokens);
        assertThat(kidOf(after)).isNotEqualTo(kidOf(before));
        assertThat(tokens.verify(after).userId()).isEqualTo(7);
        assertThatThrownBy(() -> tokens.verify(before)).isInstanceOf(InvalidTokenException.class);
        assertThat(instance(KeyEncryption.none()).verify(after).userId()).isEqualTo(7);
    }

    @Test
    void aTokenIssuedInTheFutureOrLivingLongerThanAnyTheServiceIssuesIsRefused() {
        JoseAccessTokens tokens = instance(KeyEncryption.none());
        Instant now = clock.instant();

        String fromTheFuture = tokens.issue(user, now.plusSeconds(120), now.plusSeconds(600));
        String slightlyAhead = tokens.issue(user, now.plusSeconds(10), now.plusSeconds(600));
        String tooLong = tokens.issue(user, now, now.plus(LONGEST).plusSeconds(60));
        String longest = tokens.issue(user, now, now.plus(LONGEST));

        assertThatThrownBy(() -> tokens.verify(fromTheFuture)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(tooLong)).isInstanceOf(InvalidTokenException.class);
        assertThat(tokens.verify(slightlyAhead).userId()).isEqualTo(7);
        assertThat(tokens.verify(longest).userId()).isEqualTo(7);
    }

    @Test
    void onceTheStoreIsSealedAPlainTextKeyInItIsNeverUsed() throws Exception {
        byte[] kek = new byte[32];
        Arrays.fill(kek, (byte) 3);
        JoseAccessTokens sealed = instance(KeyEncryption.aesGcm(kek));
        String genuine = token(sealed);
        var planted = RsaJwkGenerator.generateJwk(2048);
        planted.setKeyId("planted");
        keyStore.add(new StoredKey("planted", "RS256", planted.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                clock.instant().plusSeconds(1)));
        clock.advance(Duration.ofSeconds(61));

        JoseAccessTokens restarted = instance(KeyEncryption.aesGcm(kek));

        assertThat(kidOf(token(sealed))).isNotEqualTo("planted");
        assertThat(kidOf(token(restarted))).isNotEqualTo("planted");
        assertThat(sealed.publicKeySetJson()).doesNotContain("planted");
        assertThat(restarted.publicKeySetJson()).doesNotContain("planted");
        assertThat(restarted.verify(genuine).userId()).isEqualTo(7);
        assertThat(keyStore.findAll()).filteredOn(k -> k.keyId().equals("planted")).singleElement()
                .satisfies(k -> assertThat(k.privateJwk()).startsWith("{"));
    }
}
