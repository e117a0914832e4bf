package io.userservice.core.contract;

import static io.userservice.core.domain.CodePurpose.CONFIRM_EMAIL;
import static io.userservice.core.domain.CodePurpose.RESET_PASSWORD;
import static io.userservice.core.contract.StoreFixtures.aUserId;
import static org.assertj.core.api.Assertions.assertThat;

import io.userservice.core.domain.CodePurpose;
import io.userservice.core.domain.SingleUseCode;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.SingleUseCodePort;
import io.userservice.core.contract.Race.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link SingleUseCodePort} must do. A store implementation runs it
 * by extending this class with a factory for a fresh, empty state. The state refers to users by
 * id only.
 *
 * <p>A code is valid while {@code now} is before its expiry. Stores must keep instants to at least
 * the millisecond, so the expiry checks here use whole milliseconds.
 */
public abstract class SingleUseCodeContract {

    private static final Instant CREATED = Instant.parse("2025-03-14T09:26:53.589Z");
    private static final Instant EXPIRES = CREATED.plusSeconds(3600);
    private static final Instant NOW = CREATED.plusSeconds(60);

    private SingleUseCodePort codes;
    private long ann;
    private long bob;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        ServiceState stores = newState();
        codes = stores.codes();
        ann = aUserId();
        bob = aUserId();
    }

    private void save(String hash, CodePurpose purpose, long userId) {
        codes.save(new SingleUseCode(hash, purpose, userId, CREATED, EXPIRES));
    }

    @Test
    void consumeReturnsTheUserOfAValidCode() {
        save("code", CONFIRM_EMAIL, ann);
        save("other", CONFIRM_EMAIL, bob);

        assertThat(codes.consume("code", CONFIRM_EMAIL, NOW)).contains(ann);
        assertThat(codes.consume("other", CONFIRM_EMAIL, NOW)).contains(bob);
    }

    @Test
    void isUsableTellsWhetherConsumeWouldSucceedWithoutUsingTheCode() {
        save("code", RESET_PASSWORD, ann);
        codes.save(new SingleUseCode("expiring", RESET_PASSWORD, ann, CREATED, NOW.plusSeconds(1)));

        assertThat(codes.isUsable("code", RESET_PASSWORD, NOW)).isTrue();
        assertThat(codes.isUsable("code", RESET_PASSWORD, NOW)).isTrue();
        assertThat(codes.isUsable("code", CONFIRM_EMAIL, NOW)).isFalse();
        assertThat(codes.isUsable("unknown", RESET_PASSWORD, NOW)).isFalse();
        assertThat(codes.isUsable("expiring", RESET_PASSWORD, NOW.plusSeconds(1))).isFalse();
        assertThat(codes.consume("code", RESET_PASSWORD, NOW)).contains(ann);
        assertThat(codes.isUsable("code", RESET_PASSWORD, NOW)).isFalse();
    }

    @Test
    void aCodeWorksOnlyOnce() {
        save("code", RESET_PASSWORD, ann);
        codes.consume("code", RESET_PASSWORD, NOW);

        assertThat(codes.consume("code", RESET_PASSWORD, NOW)).isEmpty();
        assertThat(codes.consume("code", RESET_PASSWORD, NOW.plusSeconds(1))).isEmpty();
    }

    @Test
    void aCodeDoesNotWorkForAnotherPurpose() {
        save("code", CONFIRM_EMAIL, ann);

        assertThat(codes.consume("code", RESET_PASSWORD, NOW)).isEmpty();

        assertThat(codes.consume("code", CONFIRM_EMAIL, NOW)).as("still usable for its own purpose").contains(ann);
    }

    @Test
    void anUnknownCodeDoesNotWork() {
        save("code", CONFIRM_EMAIL, ann);

        assertThat(codes.consume("unknown", CONFIRM_EMAIL, NOW)).isEmpty();
    }

    @Test
    void hashesAreComparedExactly() {
        save("AbC-_x", CONFIRM_EMAIL, ann);

        assertThat(codes.consume("abc-_x", CONFIRM_EMAIL, NOW)).isEmpty();
        assertThat(codes.consume("AbC-_x ", CONFIRM_EMAIL, NOW)).isEmpty();
        assertThat(codes.consume("AbC-%", CONFIRM_EMAIL, NOW)).isEmpty();
        assertThat(codes.consume("AbC-_x", CONFIRM_EMAIL, NOW)).contains(ann);
    }

    @Test
    void aCodeWorksUntilTheMillisecondBeforeItsExpiry() {
        save("code", CONFIRM_EMAIL, ann);

        assertThat(codes.consume("code", CONFIRM_EMAIL, EXPIRES.minusMillis(1))).contains(ann);
    }

    @Test
    void aCodeDoesNotWorkAtItsExpiry() {
        save("code", CONFIRM_EMAIL, ann);

        assertThat(codes.consume("code", CONFIRM_EMAIL, EXPIRES)).isEmpty();
    }

    @Test
    void anExpiredCodeDoesNotWork() {
        save("code", CONFIRM_EMAIL, ann);

        assertThat(codes.consume("code", CONFIRM_EMAIL, EXPIRES.plusSeconds(86_400))).isEmpty();
    }

    @Test
    void concurrentConsumptionsOfOneCodeHaveExactlyOneWinner() {
        save("code", RESET_PASSWORD, ann);

        List<Outcome<Optional<Long>>> outcomes = Race.run(Race.RACERS,
                i -> codes.consume("code", RESET_PASSWORD, NOW));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(Race.winners(outcomes)).filteredOn(Optional::isPresent).containsExactly(Optional.of(ann));
    }

    @Test
    void invalidateAllUsesUpEveryUnusedCodeOfTheUserForThePurpose() {
        save("reset-1", RESET_PASSWORD, ann);
        save("reset-2", RESET_PASSWORD, ann);
        save("reset-used", RESET_PASSWORD, ann);
        codes.consume("reset-used", RESET_PASSWORD, NOW);
        codes.save(new SingleUseCode("reset-expired", RESET_PASSWORD, ann, CREATED, CREATED.plusSeconds(1)));
        save("confirm", CONFIRM_EMAIL, ann);
        save("bob-reset", RESET_PASSWORD, bob);

        assertThat(codes.invalidateAll(ann, RESET_PASSWORD, NOW)).isEqualTo(3);

        assertThat(codes.consume("reset-1", RESET_PASSWORD, NOW)).isEmpty();
        assertThat(codes.consume("reset-2", RESET_PASSWORD, NOW)).isEmpty();
        assertThat(codes.consume("confirm", CONFIRM_EMAIL, NOW)).contains(ann);
        assertThat(codes.consume("bob-reset", RESET_PASSWORD, NOW)).contains(bob);
        assertThat(codes.invalidateAll(ann, RESET_PASSWORD, NOW)).isZero();
    }

    @Test
    void invalidateAllOfAUserWithoutCodesChangesNothing() {
        save("bob-reset", RESET_PASSWORD, bob);

        assertThat(codes.invalidateAll(ann, RESET_PASSWORD, NOW)).isZero();

        assertThat(codes.consume("bob-reset", RESET_PASSWORD, NOW)).contains(bob);
    }

    @Test
    void purgingDeletesTheCodesExpiredBeforeTheCutoffUsedOrNot() {
        codes.save(new SingleUseCode("expired-unused", RESET_PASSWORD, ann, CREATED, NOW));
        codes.save(new SingleUseCode("expired-used", RESET_PASSWORD, ann, CREATED, NOW.plusSeconds(1)));
        assertThat(codes.consume("expired-used", RESET_PASSWORD, NOW)).contains(ann);
        codes.save(new SingleUseCode("valid", RESET_PASSWORD, bob, CREATED, EXPIRES));

        assertThat(codes.deleteExpiredBefore(NOW.plusSeconds(2))).isEqualTo(2);

        assertThat(codes.consume("valid", RESET_PASSWORD, NOW.plusSeconds(2))).contains(bob);
        assertThat(codes.isUsable("expired-unused", RESET_PASSWORD, CREATED)).as("gone").isFalse();
    }

    @Test
    void racingPurgesDeleteEachCodeOnce() {
        for (int i = 0; i < 30; i++) {
            codes.save(new SingleUseCode("old-" + i, RESET_PASSWORD, ann, CREATED, CREATED.plusSeconds(i)));
        }
        codes.save(new SingleUseCode("valid", RESET_PASSWORD, bob, CREATED, EXPIRES));

        List<Race.Outcome<Integer>> outcomes = Race.run(Race.RACERS, i -> codes.deleteExpiredBefore(NOW));

        assertThat(outcomes).allMatch(outcome -> outcome.failure() == null);
        assertThat(outcomes.stream().mapToInt(Race.Outcome::value).sum()).isEqualTo(30);
        assertThat(codes.isUsable("valid", RESET_PASSWORD, NOW)).isTrue();
    }
}
