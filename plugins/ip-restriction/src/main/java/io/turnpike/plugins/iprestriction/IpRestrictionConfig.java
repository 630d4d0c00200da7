package io.turnpike.plugins.iprestriction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A route's {@code ip-restriction} config. At least one list must have an entry.
 *
 * @param allow addresses and CIDR ranges let through; when not empty, every other client is refused
 * @param deny  addresses and CIDR ranges refused, even when {@code allow} holds them
 */
public record IpRestrictionConfig(List<String> allow, List<String> deny) {

    /** Defaults absent lists to empty and freezes them; nulls are kept for {@code validate} to name. */
    public IpRestrictionConfig {
        allow = allow == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(allow));
        deny = deny == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(deny));
    }
}
