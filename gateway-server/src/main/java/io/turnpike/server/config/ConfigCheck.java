package io.turnpike.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ConfigLoader#check} found in a file: its errors, and what did bind despite them, so that the
 * checks that need the plugins can still run on the rest and one run report every error.
 *
 * @param source           the file name, as it prefixes each error
 * @param file             the file, absolute and normalised
 * @param bound            the configuration, or what bound of it when there are errors; empty when nothing
 *                         bound (a syntax error, a file that cannot be read)
 * @param pluginsDirectory {@code plugins.directory} resolved, or the default; empty when nothing bound or the
 *                         setting is in error
 * @param errors           every error, each as {@code location: message}; empty when the file is valid
 */
public record ConfigCheck(String source, Path file, Optional<GatewayConfig> bound, Optional<Path> pluginsDirectory,
                          List<String> errors) {

    public ConfigCheck {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        errors = List.copyOf(errors);
    }

    static ConfigCheck failed(String source, Path file, List<String> errors) {
        return new ConfigCheck(source, file, Optional.empty(), Optional.empty(), errors);
    }

    /**
     * @return the configuration, when the file has no error
     * @throws ConfigException with every error, when it has any
     */
    public LoadedConfig orThrow() {
        if (!errors.isEmpty()) {
            throw new ConfigException(source, errors);
        }
        return new LoadedConfig(bound.orElseThrow(), file, pluginsDirectory.orElseThrow());
    }

    /**
     * Whether a later check's error is about a value this check already found in error: at the same
     * location, above it or below it. Reporting it would say one mistake twice, in other words.
     *
     * @param laterError an error as {@code location: message}
     * @return whether one of {@link #errors} is at, above or below its location
     */
    public boolean explains(String laterError) {
        return hasErrorAt(Locations.ofError(laterError));
    }

    /**
     * @param location a location such as {@code routes[2].plugins}
     * @return whether one of {@link #errors} is at that location, above it or below it
     */
    public boolean hasErrorAt(String location) {
        return errors.stream().map(Locations::ofError)
                .anyMatch(earlier -> Locations.within(location, earlier) || Locations.within(earlier, location));
    }
}
