package io.turnpike.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A plugin named by a route, with its config block still unbound: the plugin host binds it to the
 * plugin's own config type once the plugin is known.
 *
 * @param name   the plugin's name
 * @param config the {@code config:} block, an empty object when absent
 */
public record PluginRefConfig(String name, JsonNode config) {

    public PluginRefConfig {
        config = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config;
    }
}
