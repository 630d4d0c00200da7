package io.turnpike.server.plugins.testplugins;

import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/** A plugin whose name breaks the naming rule. */
@Extension
public final class BadNamePlugin implements GatewayPlugin<Object> {

    @Override
    public String name() {
        return "Bad_Name";
    }

    @Override
    public Class<Object> configType() {
        return Object.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRAFFIC;
    }

    @Override
    public Filter create(Object config, PluginContext context) {
        return (exchange, chain) -> chain.proceed();
    }
}
