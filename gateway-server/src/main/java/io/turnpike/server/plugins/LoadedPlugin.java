package io.turnpike.server.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * A plugin jar that loaded, for logs and the admin API.
 *
 * @param pluginId    the jar's {@code Plugin-Id}
 * @param version     the jar's {@code Plugin-Version}
 * @param jar         where the jar was loaded from
 * @param pluginNames the names of the {@link io.turnpike.api.GatewayPlugin}s it provides, as routes use them
 */
public record LoadedPlugin(String pluginId, String version, Path jar, List<String> pluginNames) {

    /** Copies the names, so the description cannot change. */
    public LoadedPlugin {
        pluginNames = List.copyOf(pluginNames);
    }
}
