package io.turnpike.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A plugin named by a route or under {@code plugins.global}, with its config block still unbound: the plugin host
 * binds it to the plugin's own config type once the plugin is known.
 *
 * @param name    the plugin's name
 * @param config  the {@code config:} block, an empty object when absent
 * @param enabled whether it runs, default true; on a route, {@code false} also turns off the global plugin of the
 *                same name there
 */
public record PluginRefConfig(String name, JsonNode config, Boolean enabled) {

    public PluginRefConfig {
        config = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config;
        enabled = enabled == null || enabled;
    }

    /**
     * An enabled plugin.
     *
     * @param name   the plugin's name
     * @param config its config block, or null for none
     */
    public PluginRefConfig(String name, JsonNode config) {
        this(name, config, null);
    }
}
