package io.turnpike.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A configuration that has been bound and validated, with the paths it implies already resolved.
 *
 * @param config           the configuration
 * @param file             the file it came from, absolute and normalised
 * @param pluginsDirectory {@code plugins.directory} resolved against the file's folder, or the default
 */
public record LoadedConfig(GatewayConfig config, Path file, Path pluginsDirectory) {

    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
    }
}
