package io.turnpike.plugins.basicauth;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses what an unknown username's password is checked against. Without a check, a bcrypt or PBKDF2 route
 * would refuse an unknown user in microseconds and a known one in a hundred milliseconds, telling anyone which
 * usernames exist. The decoy is a stored password of the cost most of the route's users have, so that for them
 * an unknown name takes as long as a wrong password; its result is never used.
 */
final class Decoys {

    /** When no consumer has a password: a plain check, as cheap as every other on the route. */
    private static final StoredPassword NOBODY = StoredPassword.parse("no consumer has this password");

    private Decoys() {
    }

    /**
     * @param stored the route's stored passwords, in config order
     * @return one of them, of the most common cost (the first in order on a tie), or a plain one when there are none
     */
    static StoredPassword decoyFor(Collection<StoredPassword> stored) {
        Map<String, Long> counts = stored.stream()
                .collect(Collectors.groupingBy(StoredPassword::cost, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .max(Comparator.comparingLong(Map.Entry::getValue))    // of equal counts, max keeps the first
                .map(Map.Entry::getKey)
                .flatMap(cost -> stored.stream().filter(p -> p.cost().equals(cost)).findFirst())
                .orElse(NOBODY);
    }
}
