package io.turnpike.server.runtime;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.ConfigCheck;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.ConfigLoader;
import io.turnpike.server.config.LoadedConfig;
import io.turnpike.server.plugins.ChainFactory;
import io.turnpike.server.plugins.PluginHost;

/**
 * Loads a config file so that one run reports every error in it. When the file's own checks find errors,
 * the checks that need the plugins (plugin names and configs, consumers' credentials, path patterns, TLS
 * files) still run on what did bind, through {@link RuntimeFactory#check}; their errors join the others.
 * A valid file is returned as it is: building its runtime runs those checks in full.
 *
 * <pre>{@code
 * LoadedConfig loaded = CompleteConfigCheck.load(loader, file);           // start, validate
 * LoadedConfig reloaded = CompleteConfigCheck.load(loader, file, plugins); // reload: the plugins running
 * }</pre>
 */
public final class CompleteConfigCheck {

    private CompleteConfigCheck() {
    }

    /**
     * Loads a file; when it has errors, loads the plugins folder it names to check the rest too.
     *
     * @param loader the loader
     * @param file   the config file
     * @return the configuration, when the file has no error the file's own checks find
     * @throws ConfigException with every error found, the plugin checks' included
     */
    public static LoadedConfig load(ConfigLoader loader, Path file) {
        ConfigCheck check = loader.check(file);
        if (check.errors().isEmpty() || check.bound().isEmpty() || check.pluginsDirectory().isEmpty()) {
            return check.orThrow();
        }
        List<String> more;
        try (PluginHost plugins = PluginHost.load(check.pluginsDirectory().get())) {
            more = pluginChecks(check, plugins);
        } catch (UncheckedIOException e) {
            // The folder cannot be listed: a start would say so; the file's own errors come first.
            more = List.of();
        }
        throw failed(check, more);
    }

    /**
     * Loads a file, checking the rest of a file with errors against plugins already loaded.
     *
     * @param loader  the loader
     * @param file    the config file
     * @param plugins the plugins to check against, such as those of the running gateway; not closed
     * @return the configuration, when the file has no error the file's own checks find
     * @throws ConfigException with every error found, the plugin checks' included
     */
    public static LoadedConfig load(ConfigLoader loader, Path file, PluginHost plugins) {
        ConfigCheck check = loader.check(file);
        if (check.errors().isEmpty() || check.bound().isEmpty()) {
            return check.orThrow();
        }
        throw failed(check, pluginChecks(check, plugins));
    }

    private static List<String> pluginChecks(ConfigCheck check, PluginHost plugins) {
        return new RuntimeFactory(new ChainFactory(plugins, new ConfigBinder(check.file().getParent()))).check(check);
    }

    private static ConfigException failed(ConfigCheck check, List<String> more) {
        List<String> errors = new ArrayList<>(check.errors());
        errors.addAll(more);
        return new ConfigException(check.source(), errors);
    }
}
