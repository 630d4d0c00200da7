package io.turnpike.server.config;

import java.util.List;

/**
 * Where plugin jars are loaded from, and the plugins every route runs.
 *
 * @param directory the folder of plugin jars; a relative path resolves against the config file's folder.
 *                  Absent, the distribution's own {@code plugins/} folder is used.
 * @param global    plugins that run on every route, as if listed on each, unless a route lists the same plugin
 *                  itself (its own entry then replaces the global one there, or with {@code enabled: false}
 *                  turns it off there)
 */
public record PluginsConfig(String directory, List<PluginRefConfig> global) {

    public static final PluginsConfig DEFAULT = new PluginsConfig(null, null);

    /** Applies the defaults. */
    public PluginsConfig {
        global = global == null ? List.of() : List.copyOf(global);
    }
}
