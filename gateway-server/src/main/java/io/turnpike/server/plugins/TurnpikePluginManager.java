package io.turnpike.server.plugins;

import java.nio.file.Path;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.JarPluginManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's jar plugin manager with Turnpike's rules: shared types parent-first, {@code Plugin-Requires}
 * checked against the plugin API's version, self-contained jars only, and failure reasons an operator
 * can act on instead of PF4J's messages (or, for a jar without a manifest, a NullPointerException).
 */
final class TurnpikePluginManager extends JarPluginManager {

    private static final System.Logger LOG = System.getLogger(TurnpikePluginManager.class.getName());

    TurnpikePluginManager(Path directory, String apiVersion) {
        super(directory);
        // PF4J skips the Plugin-Requires check while the system version is its default "0.0.0".
        setSystemVersion(apiVersion);
    }

    /** Deployment always: {@code -Dpf4j.mode=development} would swap in loaders for exploded class folders. */
    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new SharedTypesPluginLoader(this);
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder() {
            @Override
            protected Manifest readManifestFromJar(Path jarPath) {
                Manifest manifest = super.readManifestFromJar(jarPath);
                if (manifest == null) {
                    throw new PluginRuntimeException("the jar has no META-INF/MANIFEST.MF");
                }
                return manifest;
            }
        };
    }

    /**
     * Every plugin enabled: which plugins run is the routes' business, and PF4J's default reads and
     * writes {@code enabled.txt} and {@code disabled.txt} in the plugins directory, a second config.
     */
    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("plugins are not disabled one by one; remove the jar");
            }

            @Override
            public void enablePlugin(String pluginId) {
                // every plugin is enabled already
            }
        };
    }

    /** Runs before PF4J creates a class loader for the jar, so a refusal here leaks nothing. */
    @Override
    protected void validatePluginDescriptor(PluginDescriptor descriptor) {
        String id = descriptor.getPluginId();
        if (id == null || id.isBlank()) {
            throw new InvalidPluginDescriptorException("the manifest has no Plugin-Id");
        }
        if (descriptor.getVersion() == null) {
            throw new InvalidPluginDescriptorException("the manifest has no Plugin-Version");
        }
        PluginWrapper loaded = getPlugin(id);
        if (loaded != null) {
            throw new PluginRuntimeException("its Plugin-Id '{}' is already used by {}",
                    id, loaded.getPluginPath().getFileName());
        }
        // Loading jars one by one, a dependent found before its dependency would be half loaded; and
        // shared classes between plugins are better kept in the plugin API.
        if (!descriptor.getDependencies().isEmpty()) {
            String ids = descriptor.getDependencies().stream()
                    .map(PluginDependency::getPluginId)
                    .collect(Collectors.joining(", "));
            throw new PluginRuntimeException("it declares Plugin-Dependencies ({}), which Turnpike does not "
                    + "support: bundle what the plugin needs in its own jar", ids);
        }
    }

    /** PF4J throws from here on a malformed {@code Plugin-Requires}, after making the class loader. */
    @Override
    protected boolean isPluginValid(PluginWrapper pluginWrapper) {
        try {
            return super.isPluginValid(pluginWrapper);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Plugin-Requires of " + pluginWrapper.getPluginPath()
                    + " cannot be parsed", e);
            return false;
        }
    }
}
