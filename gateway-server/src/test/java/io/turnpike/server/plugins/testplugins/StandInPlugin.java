package io.turnpike.server.plugins.testplugins;

import io.turnpike.api.Body;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Headers;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.Response;
import org.pf4j.Extension;

/**
 * A plugin that answers in place of an upstream, as a protocol plugin does: requests under {@code /answered}
 * get {@code 200 answered by stand-in}; the others are passed on.
 */
@Extension
public final class StandInPlugin implements GatewayPlugin<StandInPlugin.Config> {

    /** No settings. */
    public record Config() {
    }

    @Override
    public String name() {
        return "stand-in";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORMATION;
    }

    @Override
    public boolean answersInPlaceOfUpstream() {
        return true;
    }

    @Override
    public Filter create(Config config, PluginContext context) {
        return (exchange, chain) -> chain.request().path().startsWith("/answered")
                ? new Response(200, Headers.of("Content-Type", "text/plain"), Body.of("answered by stand-in"))
                : chain.proceed();
    }
}
