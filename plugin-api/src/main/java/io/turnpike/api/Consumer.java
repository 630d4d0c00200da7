package io.turnpike.api;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller, as declared in the gateway's {@code consumers:} list. Set on the
 * {@link Exchange} by the route's authentication step and never by a client, so plugins after
 * authentication (authorization, rate limits per consumer, caches keyed by consumer) can trust it.
 *
 * @param name   the consumer's unique name
 * @param groups the groups it belongs to, for authorization
 */
public record Consumer(String name, Set<String> groups) {

    /** Checks that no part is missing and freezes the groups. */
    public Consumer {
        Objects.requireNonNull(name, "name");
        groups = Set.copyOf(groups);
    }
}
