package io.turnpike.plugins.responsecache.testplugin;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.turnpike.api.AdminEndpoint;
import io.turnpike.api.Body;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Headers;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.Response;
import org.pf4j.Extension;

/**
 * Test only: counts the requests that have reached the gateway's chain, outside the cache, and shows the
 * count at {@code GET /arrivals} on the admin port, so a test can hold the upstream until every concurrent
 * client is inside the gateway.
 */
@Extension
public final class ArrivalsPlugin implements GatewayPlugin<ArrivalsPlugin.Config> {

    private final AtomicInteger arrivals = new AtomicInteger();

    /** No settings. */
    public record Config() {
    }

    @Override
    public String name() {
        return "arrivals";
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
            arrivals.incrementAndGet();
            return chain.proceed();
        };
    }

    @Override
    public List<AdminEndpoint> adminEndpoints() {
        return List.of(new AdminEndpoint("GET", "/arrivals", (request, parameters) ->
                new Response(200, Headers.of("Content-Type", "text/plain"), Body.of(Integer.toString(arrivals.get())))));
    }
}
