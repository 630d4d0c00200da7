package io.turnpike.server.plugins.testplugins;

import java.util.List;

import io.turnpike.api.AdminEndpoint;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.Response;
import org.pf4j.Extension;

/** Declares {@code GET /counts/total}, which {@link CounterPlugin}'s {@code GET /counts/{route-id}} also matches. */
@Extension
public final class CounterClashPlugin implements GatewayPlugin<CounterClashPlugin.Config> {

    /** No settings. */
    public record Config() {
    }

    @Override
    public String name() {
        return "counter-clash";
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
        return (exchange, chain) -> chain.proceed();
    }

    @Override
    public List<AdminEndpoint> adminEndpoints() {
        return List.of(new AdminEndpoint("GET", "/counts/total", (request, parameters) -> Response.of(204)));
    }
}
