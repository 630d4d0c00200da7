package io.turnpike.server.config;

/**
 * Where plugin jars are loaded from.
 *
 * @param directory the folder of plugin jars; a relative path resolves against the config file's folder.
 *                  Absent, the distribution's own {@code plugins/} folder is used.
 */
public record PluginsConfig(String directory) {

    public static final PluginsConfig DEFAULT = new PluginsConfig(null);
}
