package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The ring of a {@code consistent-hash} upstream: shares by weight, and how few keys move when targets change. */
class HashRingTest {

    private static final int KEYS = 20_000;

    private static HashRing<String> ring(Map<String, Integer> weights) {
        List<String> targets = List.copyOf(weights.keySet());
        return new HashRing<>(targets, targets, targets.stream().map(weights::get).toList());
    }

    private static Map<Integer, String> placed(HashRing<String> ring) {
        Map<Integer, String> placed = new HashMap<>();
        for (int key = 0; key < KEYS; key++) {
            placed.put(key, ring.pick(KeyHash.of("user-" + key), target -> true));
        }
        return placed;
    }

    private static Map<String, Integer> shares(Map<Integer, String> placed) {
        Map<String, Integer> shares = new HashMap<>();
        placed.values().forEach(target -> shares.merge(target, 1, Integer::sum));
        return shares;
    }

    @Test
    void eachTargetTakesTheShareOfKeysItsWeightGives() {
        Map<String, Integer> shares = shares(placed(ring(Map.of("a", 1, "b", 1, "c", 2))));

        assertEquals(0.25, shares.get("a") / (double) KEYS, 0.03, shares.toString());
        assertEquals(0.25, shares.get("b") / (double) KEYS, 0.03, shares.toString());
        assertEquals(0.50, shares.get("c") / (double) KEYS, 0.03, shares.toString());
    }

    @Test
    void aKeyAlwaysLandsOnTheSameTargetWhateverTheOrderOfTheTargets() {
        HashRing<String> forward = new HashRing<>(List.of("a", "b", "c"), List.of("a", "b", "c"), List.of(1, 1, 1));
        HashRing<String> backward = new HashRing<>(List.of("c", "b", "a"), List.of("c", "b", "a"), List.of(1, 1, 1));

        assertEquals(placed(forward), placed(backward));
    }

    @Test
    void aNewTargetTakesItsShareOnlyFromTheOthersAndNoKeyMovesBetweenThem() {
        Map<Integer, String> before = placed(ring(Map.of("a", 1, "b", 1, "c", 1)));
        Map<Integer, String> after = placed(ring(Map.of("a", 1, "b", 1, "c", 1, "d", 1)));

        int moved = 0;
        for (int key = 0; key < KEYS; key++) {
            if (!before.get(key).equals(after.get(key))) {
                assertEquals("d", after.get(key), "key " + key + " moved from " + before.get(key) + " to another old one");
                moved++;
            }
        }
        assertEquals(0.25, moved / (double) KEYS, 0.04, "a quarter of the keys move, to the new target");
    }

    @Test
    void theKeysOfATargetThatRefusesSpreadOverTheOthersWhileTheirOwnKeysStay() {
        HashRing<String> ring = ring(Map.of("a", 1, "b", 1, "c", 1, "d", 1));
        Map<Integer, String> before = placed(ring);

        Map<String, Integer> ofA = new HashMap<>();
        for (int key = 0; key < KEYS; key++) {
            String now = ring.pick(KeyHash.of("user-" + key), target -> !target.equals("a"));
            if (before.get(key).equals("a")) {
                ofA.merge(now, 1, Integer::sum);
            } else {
                assertEquals(before.get(key), now, "key " + key + " of another target stays");
            }
        }
        assertEquals(3, ofA.size(), "a's keys go to each of the others: " + ofA);
        ofA.values().forEach(count -> assertTrue(count > before.values().stream().filter("a"::equals).count() / 6,
                "spread, not piled on one: " + ofA));
    }

    @Test
    void eachTargetIsAskedOnceAndNoneIsTakenWhenAllRefuse() {
        HashRing<String> ring = ring(Map.of("a", 1, "b", 2, "c", 3));
        List<String> asked = new ArrayList<>();

        assertNull(ring.pick(KeyHash.of("anyone"), target -> !asked.add(target)));
        assertEquals(3, asked.size(), asked.toString());
        assertEquals(3, asked.stream().distinct().count(), asked.toString());
    }

    @Test
    void theRingStaysBoundedWhateverTheWeights() {
        List<String> targets = IntStream.range(0, 2_000).mapToObj(i -> "t" + i).toList();
        List<Integer> weights = IntStream.range(0, 2_000).map(i -> i % 2 == 0 ? 1000 : 999).boxed().toList();

        HashRing<String> ring = new HashRing<>(targets, targets, weights);

        assertTrue(ring.size() <= HashRing.MAX_POINTS + targets.size(), "points: " + ring.size());
        assertTrue(shares(placed(ring)).size() > 1_990, "the keys still reach (nearly) every target");
    }
}
