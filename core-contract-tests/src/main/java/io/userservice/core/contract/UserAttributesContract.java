package io.userservice.core.contract;

import static io.userservice.core.contract.StoreFixtures.aUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.userservice.core.domain.Attributes;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.UserAttributesPort;
import io.userservice.core.contract.Race.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every implementation of {@link UserAttributesPort} must do. A store implementation runs it
 * by extending this class with a factory for a fresh, empty state. The state refers to users by
 * id only.
 */
public abstract class UserAttributesContract {

    private UserAttributesPort attributes;
    private long ann;
    private long bob;

    /** A fresh, empty state; called before each test. */
    protected abstract ServiceState newState();

    @BeforeEach
    void openStores() {
        ServiceState stores = newState();
        attributes = stores.attributes();
        ann = aUserId();
        bob = aUserId();
    }

    @Test
    void aUserWithoutAttributesHasNone() {
        assertThat(attributes.attributesOf(ann)).isEmpty();
        assertThat(attributes.count(ann)).isZero();
    }

    @Test
    void putCreatesAnAttribute() {
        attributes.put(ann, "colour", "green");

        assertThat(attributes.attributesOf(ann)).containsExactly(entry("colour", "green"));
        assertThat(attributes.count(ann)).isEqualTo(1);
    }

    @Test
    void putReplacesTheValueOfAnExistingKey() {
        attributes.put(ann, "colour", "green");
        attributes.put(ann, "colour", "blue");

        assertThat(attributes.attributesOf(ann)).containsExactly(entry("colour", "blue"));
        assertThat(attributes.count(ann)).isEqualTo(1);
    }

    @Test
    void putOfTheSameValueAgainKeepsOneAttribute() {
        attributes.put(ann, "colour", "green");
        attributes.put(ann, "colour", "green");

        assertThat(attributes.attributesOf(ann)).containsExactly(entry("colour", "green"));
    }

    @Test
    void attributesComeSortedByKey() {
        for (String key : List.of("beta", "alpha", "Gamma", "10", "9", "alpha2")) {
            attributes.put(ann, key, "v-" + key);
        }

        assertThat(new ArrayList<>(attributes.attributesOf(ann).keySet()))
                .containsExactly("10", "9", "Gamma", "alpha", "alpha2", "beta");
    }

    @Test
    void keysAreComparedExactly() {
        for (String key : List.of("colour", "Colour", "COLOUR", "colour ", " colour", "colöur")) {
            attributes.put(ann, key, "[" + key + "]");
        }

        Map<String, String> found = attributes.attributesOf(ann);
        assertThat(found).hasSize(6);
        found.forEach((key, value) -> assertThat(value).isEqualTo("[" + key + "]"));
    }

    @Test
    void removeDeletesTheAttribute() {
        attributes.put(ann, "colour", "green");
        attributes.put(ann, "size", "L");

        assertThat(attributes.remove(ann, "colour")).isTrue();

        assertThat(attributes.attributesOf(ann)).containsExactly(entry("size", "L"));
        assertThat(attributes.count(ann)).isEqualTo(1);
    }

    @Test
    void removeOfAMissingKeyReturnsFalse() {
        assertThat(attributes.remove(ann, "colour")).isFalse();

        attributes.put(ann, "size", "L");
        assertThat(attributes.remove(ann, "colour")).isFalse();
        assertThat(attributes.remove(ann, "Size")).isFalse();
        assertThat(attributes.remove(ann, "size")).isTrue();
        assertThat(attributes.remove(ann, "size")).isFalse();
    }

    @Test
    void countCountsTheAttributesOfTheUser() {
        attributes.put(ann, "a", "1");
        attributes.put(ann, "b", "2");
        attributes.put(ann, "c", "3");
        attributes.put(bob, "a", "1");

        assertThat(attributes.count(ann)).isEqualTo(3);
        assertThat(attributes.count(bob)).isEqualTo(1);
    }

    @Test
    void eachUserHasTheirOwnAttributes() {
        attributes.put(ann, "colour", "green");
        attributes.put(bob, "colour", "red");
        attributes.put(bob, "size", "L");

        attributes.put(ann, "colour", "blue");
        attributes.remove(ann, "size");

        assertThat(attributes.attributesOf(ann)).containsExactly(entry("colour", "blue"));
        assertThat(attributes.attributesOf(bob)).containsExactly(entry("colour", "red"), entry("size", "L"));

        assertThat(attributes.remove(bob, "colour")).isTrue();
        assertThat(attributes.attributesOf(ann)).containsExactly(entry("colour", "blue"));
    }

    static Stream<String> awkwardValues() {
        return Stream.of(
                "",
                "o'brien",
                "it's \"quoted\" 'twice'",
                "back\\slash \\' \\\" \\n",
                "'; DROP TABLE users; --",
                "100% _wild_ * ? [x]",
                "Zoë Ünïcödé 名前 עברית 😀",
                "line\nbreak\ttab\r\n",
                "  blanks around  ",
                "x".repeat(Attributes.MAX_VALUE_LENGTH),
                "😀".repeat(Attributes.MAX_VALUE_LENGTH));
    }

    @ParameterizedTest
    @MethodSource("awkwardValues")
    void valuesRoundTripUnchanged(String value) {
        attributes.put(ann, "key", value);

        assertThat(attributes.attributesOf(ann)).containsExactly(entry("key", value));
    }

    @Test
    void theLongestKeysRoundTrip() {
        String ascii = "k".repeat(Attributes.MAX_KEY_LENGTH);
        String astral = "😀".repeat(Attributes.MAX_KEY_LENGTH);

        attributes.put(ann, ascii, "ascii");
        attributes.put(ann, astral, "astral");

        assertThat(attributes.attributesOf(ann)).containsExactly(entry(ascii, "ascii"), entry(astral, "astral"));
        assertThat(attributes.remove(ann, astral)).isTrue();
    }

    @Test
    void aUserMayHoldTheMostAttributesTheDomainAllows() {
        for (int i = 0; i < Attributes.MAX_PER_USER; i++) {
            attributes.put(ann, "key-" + i, "value-" + i);
        }

        assertThat(attributes.count(ann)).isEqualTo(Attributes.MAX_PER_USER);
        assertThat(attributes.attributesOf(ann)).hasSize(Attributes.MAX_PER_USER);
    }

    @Test
    void concurrentPutsOfOneNewKeyLeaveOneAttribute() {
        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS, i -> {
            attributes.put(ann, "colour", "value-" + i);
            return true;
        });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        Map<String, String> found = attributes.attributesOf(ann);
        assertThat(found).containsOnlyKeys("colour");
        assertThat(found.get("colour")).startsWith("value-");
        assertThat(attributes.count(ann)).isEqualTo(1);
    }

    @Test
    void putWithinStoresANewKeyOnlyBelowTheLimitAndAlwaysReplaces() {
        assertThat(attributes.putWithin(ann, "a", "1", 2)).isTrue();
        assertThat(attributes.putWithin(ann, "b", "2", 2)).isTrue();

        assertThat(attributes.putWithin(ann, "c", "3", 2)).as("a new key at the limit").isFalse();
        assertThat(attributes.putWithin(ann, "a", "1b", 2)).as("an existing key at the limit").isTrue();
        assertThat(attributes.putWithin(bob, "c", "3", 2)).as("another user's limit").isTrue();

        assertThat(attributes.attributesOf(ann)).containsExactly(entry("a", "1b"), entry("b", "2"));
        assertThat(attributes.remove(ann, "b")).isTrue();
        assertThat(attributes.putWithin(ann, "c", "3", 2)).as("room again after a removal").isTrue();
    }

    @Test
    void concurrentPutsOfDistinctKeysAtTheLimitNeverExceedIt() {
        for (int i = 0; i < Attributes.MAX_PER_USER - 3; i++) {
            attributes.put(ann, "existing-" + i, "value");
        }

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> attributes.putWithin(ann, "new-" + i, "value", Attributes.MAX_PER_USER));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(Race.winners(outcomes)).filteredOn(stored -> stored).hasSize(3);
        assertThat(attributes.count(ann)).isEqualTo(Attributes.MAX_PER_USER);
        assertThat(attributes.attributesOf(ann)).hasSize(Attributes.MAX_PER_USER);
    }

    @Test
    void concurrentFirstPutsOfAUserNeverExceedTheLimit() {
        int limit = 5;

        List<Outcome<Boolean>> outcomes = Race.run(Race.RACERS,
                i -> attributes.putWithin(bob, "key-" + i, "value", limit));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(Race.winners(outcomes)).filteredOn(stored -> stored).hasSize(limit);
        assertThat(attributes.count(bob)).isEqualTo(limit);
    }

    @Test
    void erasingAUserLeavesRoomForTheirAttributesAgain() {
        attributes.putWithin(ann, "a", "1", 1);

        assertThat(attributes.eraseUser(ann)).isEqualTo(1);

        assertThat(attributes.putWithin(ann, "b", "2", 1)).isTrue();
        assertThat(attributes.attributesOf(ann)).containsExactly(entry("b", "2"));
    }
}
