package io.turnpike.plugins.ratelimit;

import io.turnpike.api.PluginContext;

/** The context the gateway hands the plugin for one route. */
record RouteContext(String routeId) implements PluginContext {

    @Override
    public String pluginName() {
        return RateLimitPlugin.NAME;
    }

    @Override
    public System.Logger logger() {
        return System.getLogger(RateLimitPlugin.class.getName());
    }
}
