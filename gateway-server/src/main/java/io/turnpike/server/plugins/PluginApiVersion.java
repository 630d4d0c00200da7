package io.turnpike.server.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.turnpike.api.GatewayPlugin;

/**
 * The version of the plugin API this gateway runs with, read from the API jar itself so that it cannot
 * drift from the classes plugins are linked against.
 */
final class PluginApiVersion {

    private static final String RESOURCE = "plugin-api.properties";

    private PluginApiVersion() {
    }

    /**
     * Reads the version.
     *
     * @return the version, such as {@code 1.0.0}
     * @throws IllegalStateException when the API jar lacks the resource or its version (a broken build)
     */
    static String read() {
        try (InputStream in = GatewayPlugin.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the plugin API jar has no io/turnpike/api/" + RESOURCE);
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            // An unfiltered "${plugin.api.version}" would turn PF4J's check into a parse error for every plugin.
            if (!version.matches("\\d+\\.\\d+\\.\\d+.*")) {
                throw new IllegalStateException("the plugin API jar's " + RESOURCE + " has no usable version: '"
                        + version + "'");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plugin API's " + RESOURCE, e);
        }
    }
}
