package io.turnpike.plugins.acl;

import java.util.List;

/**
 * A route's {@code acl} config: an allow list or a deny list, never both.
 *
 * @param allowGroups    consumers in any of these groups may pass
 * @param allowConsumers these consumers may pass
 * @param denyGroups     consumers in any of these groups are refused
 * @param denyConsumers  these consumers are refused
 */
public record AclConfig(List<String> allowGroups, List<String> allowConsumers,
                        List<String> denyGroups, List<String> denyConsumers) {

    /** Freezes the lists, defaulting absent ones to empty. */
    public AclConfig {
        allowGroups = allowGroups == null ? List.of() : List.copyOf(allowGroups);
        allowConsumers = allowConsumers == null ? List.of() : List.copyOf(allowConsumers);
        denyGroups = denyGroups == null ? List.of() : List.copyOf(denyGroups);
        denyConsumers = denyConsumers == null ? List.of() : List.copyOf(denyConsumers);
    }

    boolean allows() {
        return !allowGroups.isEmpty() || !allowConsumers.isEmpty();
    }

    boolean denies() {
        return !denyGroups.isEmpty() || !denyConsumers.isEmpty();
    }
}
