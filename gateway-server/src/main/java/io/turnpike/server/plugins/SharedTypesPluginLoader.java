package io.turnpike.server.plugins;

import java.nio.file.Path;
import java.util.List;

import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * Loads a plugin jar plugin-first, except for the types the gateway and its plugins share.
 *
 * <p>A plugin that bundles its own copy of the plugin API or of Jackson would otherwise define a second
 * {@code GatewayPlugin} (its extension is then not one of ours) or a second {@code JsonNode} (a
 * {@code LinkageError: loader constraint violation} at the first call that passes one). Everything
 * else stays plugin-first, so a plugin may bring other libraries in versions of its own.
 */
final class SharedTypesPluginLoader extends JarPluginLoader {

    SharedTypesPluginLoader(PluginManager pluginManager) {
        super(pluginManager);
    }

    @Override
    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor pluginDescriptor) {
        return new SharedTypesClassLoader(pluginManager, pluginDescriptor, getClass().getClassLoader());
    }

    /** A PF4J class loader that asks the gateway first for the shared packages. */
    static final class SharedTypesClassLoader extends PluginClassLoader {

        /** {@code org.pf4j.} is PF4J's own rule, kept by calling the superclass. */
        private static final List<String> SHARED_PACKAGES =
                List.of("io.turnpike.api.", "com.fasterxml.jackson.", "org.slf4j.");

        SharedTypesClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader parent) {
            super(pluginManager, descriptor, parent);
        }

        @Override
        protected boolean shouldDelegateToParent(String className) {
            if (super.shouldDelegateToParent(className)) {
                return true;
            }
            for (String prefix : SHARED_PACKAGES) {
                if (className.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
