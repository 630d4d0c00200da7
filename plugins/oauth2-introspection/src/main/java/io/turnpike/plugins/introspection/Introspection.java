package io.turnpike.plugins.introspection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the authorization server said of one token, reduced to what the route's checks read.
 *
 * @param active    whether the token is active: issued, not expired, not revoked
 * @param claims    the answer's members, for the consumer claim and the forwarded claims
 * @param scopes    the token's scopes
 * @param audience  its audiences
 * @param issuer    its issuer, or null
 * @param expiresAt when it expires, or null when the answer does not say
 */
record Introspection(boolean active, Map<String, Object> claims, Set<String> scopes, List<String> audience,
                     String issuer, Instant expiresAt) {

    /** The answer for a token the server does not vouch for. */
    static final Introspection INACTIVE = new Introspection(false, Map.of(), Set.of(), List.of(), null, null);

    /** @return whether the token has expired by {@code now}, though the answer may be from before */
    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
