package io.turnpike.server.plugins.testplugins;

import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * A TRAFFIC plugin with a bug: it throws whenever a request carries {@code X-Break}, and passes others on.
 */
@Extension
public final class FaultyPlugin implements GatewayPlugin<FaultyPlugin.Config> {

    /** No settings. */
    public record Config() {
    }

    @Override
    public String name() {
        return "faulty";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRAFFIC;
    }

    @Override
    public Filter create(Config config, PluginContext context) {
        return (exchange, chain) -> {
            if (chain.request().headers().contains("X-Break")) {
                throw new IllegalStateException("a bug in the faulty plugin");
            }
            return chain.proceed();
        };
    }
}
