package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.T0;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static io.userservice.core.contract.StoreFixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.RefreshToken;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.RefreshTokenPort;
import io.userservice.core.contract.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link RefreshTokenPort} must do. A store implementation runs it by
 * extending this class with a factory for a fresh, empty state. The state refers to users by
 * id only.
 *
 * <p>Stores must keep instants to at least the millisecond; instants are compared at that
 * precision, so a store may drop finer digits.
 */
public abstract class RefreshTokenContract {

    private static final Duration TTL = Duration.ofDays(30);
    private static final Instant LATER = T0.plusSeconds(600);
    private static final byte[] SEALED = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    private static final int CHAIN_ROUNDS = 40;
    private static final int CHAIN_ROTATORS = 3;

    private RefreshTokenPort tokens;
    private long ann;
    private long bob;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        ServiceState stores = newState();
        tokens = stores.refreshTokens();
        ann = aUserId();
        bob = aUserId();
    }

    private RefreshToken aToken(String hash, UUID family, long userId) {
        return RefreshToken.fresh(hash, family, userId, T0, TTL);
    }

    private RefreshToken stored(String hash) {
        return tokens.findByHash(hash).orElseThrow(() -> new AssertionError("no token " + hash));
    }

    private static void assertSameToken(RefreshToken actual, RefreshToken expected) {
        assertThat(actual.tokenHash()).isEqualTo(expected.tokenHash());
        assertThat(actual.familyId()).isEqualTo(expected.familyId());
        assertThat(actual.userId()).isEqualTo(expected.userId());
        assertThat(millis(actual.issuedAt())).isEqualTo(millis(expected.issuedAt()));
        assertThat(millis(actual.expiresAt())).isEqualTo(millis(expected.expiresAt()));
        assertThat(millis(actual.rotatedAt())).isEqualTo(millis(expected.rotatedAt()));
        assertThat(actual.sealedSuccessor()).isEqualTo(expected.sealedSuccessor());
        assertThat(millis(actual.revokedAt())).isEqualTo(millis(expected.revokedAt()));
    }

    @Test
    void aSavedTokenRoundTrips() {
        RefreshToken token = aToken("hash-1", UUID.randomUUID(), ann);

        tokens.save(token);

        assertSameToken(stored("hash-1"), token);
        assertThat(stored("hash-1").rotatedAt()).isNull();
        assertThat(stored("hash-1").sealedSuccessor()).isNull();
        assertThat(stored("hash-1").revokedAt()).isNull();
    }

    @Test
    void everyFieldOfASavedTokenRoundTrips() {
        RefreshToken token = new RefreshToken("hash-1", UUID.randomUUID(), ann, T0, T0.plus(TTL),
                T0.plusMillis(1500), SEALED.clone(), T0.plusSeconds(7));

        tokens.save(token);

        assertSameToken(stored("hash-1"), token);
    }

    @Test
    void findByHashOfAnUnknownTokenIsEmpty() {
        tokens.save(aToken("hash-1", UUID.randomUUID(), ann));

        assertThat(tokens.findByHash("hash-2")).isEmpty();
    }

    @Test
    void hashesAreComparedExactly() {
        tokens.save(aToken("AbC-_x", UUID.randomUUID(), ann));

        assertThat(tokens.findByHash("AbC-_x")).isPresent();
        assertThat(tokens.findByHash("abc-_x")).isEmpty();
        assertThat(tokens.findByHash("ABC-_X")).isEmpty();
        assertThat(tokens.findByHash("AbC-_x ")).isEmpty();
        assertThat(tokens.findByHash("AbC-%")).isEmpty();
    }

    @Test
    void rotateStoresTheSuccessorAndMarksTheParent() {
        UUID family = UUID.randomUUID();
        RefreshToken parent = aToken("parent", family, ann);
        tokens.save(parent);
        RefreshToken successor = RefreshToken.fresh("successor", family, ann, LATER, TTL);

        assertThat(tokens.rotate("parent", successor, SEALED.clone(), LATER)).isTrue();

        assertSameToken(stored("parent"), new RefreshToken("parent", family, ann, parent.issuedAt(),
                parent.expiresAt(), LATER, SEALED, null));
        assertSameToken(stored("successor"), successor);
    }

    @Test
    void theSealedSuccessorKeepsEveryByte() {
        byte[] sealed = new byte[300];
        for (int i = 0; i < sealed.length; i++) {
            sealed[i] = (byte) i;
        }
        UUID family = UUID.randomUUID();
        tokens.save(aToken("parent", family, ann));

        tokens.rotate("parent", aToken("successor", family, ann), sealed.clone(), LATER);

        assertThat(stored("parent").sealedSuccessor()).containsExactly(sealed);
    }

    @Test
    void aRotatedTokenCannotBeRotatedAgain() {
        UUID family = UUID.randomUUID();
        tokens.save(aToken("parent", family, ann));
        tokens.rotate("parent", aToken("first", family, ann), SEALED.clone(), LATER);

        assertThat(tokens.rotate("parent", aToken("second", family, ann), new byte[] {9}, LATER.plusSeconds(1)))
                .isFalse();

        assertThat(tokens.findByHash("second")).isEmpty();
        assertThat(stored("parent").sealedSuccessor()).containsExactly(SEALED);
        assertThat(millis(stored("parent").rotatedAt())).isEqualTo(millis(LATER));
    }

    @Test
    void aRevokedTokenCannotBeRotated() {
        UUID family = UUID.randomUUID();
        tokens.save(aToken("parent", family, ann));
        tokens.revokeFamily(family, LATER);

        assertThat(tokens.rotate("parent", aToken("successor", family, ann), SEALED.clone(), LATER)).isFalse();

        assertThat(tokens.findByHash("successor")).isEmpty();
        assertThat(stored("parent").rotatedAt()).isNull();
        assertThat(stored("parent").sealedSuccessor()).isNull();
    }

    @Test
    void rotatingAnUnknownTokenChangesNothing() {
        UUID family = UUID.randomUUID();

        assertThat(tokens.rotate("unknown", aToken("successor", family, ann), SEALED.clone(), LATER)).isFalse();

        assertThat(tokens.findByHash("successor")).isEmpty();
        assertThat(tokens.findByHash("unknown")).isEmpty();
    }

    @Test
    void concurrentRotationsOfOneTokenHaveExactlyOneWinner() {
        UUID family = UUID.randomUUID();
        tokens.save(aToken("parent", family, ann));

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS, i ->
                tokens.rotate("parent", aToken("successor-" + i, family, ann), new byte[] {(byte) i}, LATER));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        List<Integer> winners = IntStream.range(0, outcomes.size())
                .filter(i -> outcomes.get(i).value()).boxed().toList();
        assertThat(winners).hasSize(1);
        int winner = winners.get(0);
        assertThat(stored("parent").sealedSuccessor()).containsExactly((byte) winner);
        for (int i = 0; i < outcomes.size(); i++) {
            assertThat(tokens.findByHash("successor-" + i).isPresent()).as("successor-" + i + " stored")
                    .isEqualTo(i == winner);
        }
    }

    @Test
    void rotationsRacingRevocationsOfTheFamilyAllCompleteAndLeaveTheTokenRevoked() {
        UUID family = UUID.randomUUID();
        tokens.save(aToken("parent", family, ann));

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS, i -> i % 2 == 0
                ? tokens.rotate("parent", aToken("successor-" + i, family, ann), new byte[] {(byte) i}, LATER)
                : tokens.revokeFamily(family, LATER) >= 0);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(stored("parent").revokedAt()).isNotNull();
    }

    /**
     * Theft detection racing a client that keeps rotating: once the revocation has returned, no
     * token of the family is left unrevoked, including a successor whose rotation committed while
     * the revocation ran.
     */
    @Test
    void aRevocationRacingAChainOfRotationsLeavesNoLiveTokenInTheFamily() {
        for (int round = 0; round < CHAIN_ROUNDS; round++) {
            UUID family = UUID.randomUUID();
            String prefix = "chain-" + round + "-";
            tokens.save(aToken(prefix + 0, family, ann));
            List<String> created = new CopyOnWriteArrayList<>(List.of(prefix + 0));
            AtomicReference<String> latest = new AtomicReference<>(prefix + 0);
            AtomicInteger names = new AtomicInteger();
            AtomicBoolean revoked = new AtomicBoolean();

            List<Outcome<Integer>> outcomes = Race.run(CHAIN_ROTATORS + 1, i -> {
                if (i == CHAIN_ROTATORS) {
                    pause(ThreadLocalRandom.current().nextInt(2, 12));
                    int count = tokens.revokeFamily(family, LATER);
                    revoked.set(true);
                    return count;
                }
                int triesAfterRevocation = 0;
                for (int attempt = 0; attempt < 2_000 && triesAfterRevocation < 5; attempt++) {
                    boolean wasRevoked = revoked.get();
                    String next = prefix + names.incrementAndGet();
                    if (tokens.rotate(latest.get(), aToken(next, family, ann), SEALED.clone(), LATER)) {
                        created.add(next);
                        latest.set(next);
                    }
                    if (wasRevoked) {
                        triesAfterRevocation++;
                    }
                }
                return 0;
            });

            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
            for (String hash : created) {
                assertThat(stored(hash).revokedAt()).as("round %d: %s of %d tokens", round, hash, created.size())
                        .isNotNull();
            }
        }
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void revokeFamilyRevokesEveryUnrevokedTokenOfTheFamily() {
        UUID family = UUID.randomUUID();
        UUID otherFamily = UUID.randomUUID();
        tokens.save(aToken("first", family, ann));
        tokens.rotate("first", aToken("second", family, ann), SEALED.clone(), T0.plusSeconds(1));
        tokens.save(new RefreshToken("revoked-before", family, ann, T0, T0.plus(TTL), null, null, T0));
        tokens.save(aToken("other-family", otherFamily, ann));

        assertThat(tokens.revokeFamily(family, LATER)).isEqualTo(2);

        assertThat(millis(stored("first").revokedAt())).isEqualTo(millis(LATER));
        assertThat(millis(stored("second").revokedAt())).isEqualTo(millis(LATER));
        assertThat(millis(stored("revoked-before").revokedAt())).isEqualTo(millis(T0));
        assertThat(stored("other-family").revokedAt()).isNull();
        assertThat(tokens.revokeFamily(family, LATER.plusSeconds(1))).isZero();
    }

    @Test
    void revokeFamilyOfAnUnknownFamilyRevokesNothing() {
        tokens.save(aToken("token", UUID.randomUUID(), ann));

        assertThat(tokens.revokeFamily(UUID.randomUUID(), LATER)).isZero();

        assertThat(stored("token").revokedAt()).isNull();
    }

    @Test
    void revokeAllOfUserRevokesEveryFamilyOfThatUserOnly() {
        tokens.save(aToken("ann-1", UUID.randomUUID(), ann));
        UUID annFamily = UUID.randomUUID();
        tokens.save(aToken("ann-2", annFamily, ann));
        tokens.rotate("ann-2", aToken("ann-3", annFamily, ann), SEALED.clone(), T0.plusSeconds(1));
        tokens.save(new RefreshToken("ann-revoked", UUID.randomUUID(), ann, T0, T0.plus(TTL), null, null, T0));
        tokens.save(aToken("bob-1", UUID.randomUUID(), bob));

        assertThat(tokens.revokeAllOfUser(ann, LATER)).isEqualTo(3);

        for (String hash : List.of("ann-1", "ann-2", "ann-3")) {
            assertThat(millis(stored(hash).revokedAt())).as(hash).isEqualTo(millis(LATER));
        }
        assertThat(millis(stored("ann-revoked").revokedAt())).isEqualTo(millis(T0));
        assertThat(stored("bob-1").revokedAt()).isNull();
        assertThat(tokens.revokeAllOfUser(ann, LATER.plusSeconds(1))).isZero();
    }
}
