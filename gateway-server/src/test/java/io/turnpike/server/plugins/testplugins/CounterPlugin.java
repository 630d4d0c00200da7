package io.turnpike.server.plugins.testplugins;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.turnpike.api.AdminEndpoint;
import io.turnpike.api.Body;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Headers;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Response;
import org.pf4j.Extension;

/**
 * Counts requests per route, and shows the counts on the admin port: {@code GET /counts/{route-id}} answers
 * the count as JSON, {@code DELETE /counts} resets every count, and an unknown route is a 404 problem.
 */
@Extension
public final class CounterPlugin implements GatewayPlugin<CounterPlugin.Config> {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** No settings. */
    public record Config() {
    }

    @Override
    public String name() {
        return "counter";
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
        AtomicInteger count = counts.computeIfAbsent(context.routeId(), id -> new AtomicInteger());
        return (exchange, chain) -> {
            count.incrementAndGet();
            return chain.proceed();
        };
    }

    @Override
    public List<AdminEndpoint> adminEndpoints() {
        return List.of(
                new AdminEndpoint("GET", "/counts/{route-id}", (request, parameters) -> {
                    AtomicInteger count = counts.get(parameters.get("route-id"));
                    if (count == null) {
                        throw new ProblemException(404, "No such route.");
                    }
                    return json("{\"count\": " + count.get() + "}");
                }),
                new AdminEndpoint("DELETE", "/counts", (request, parameters) -> {
                    counts.values().forEach(count -> count.set(0));
                    return json("{\"reset\": true}");
                }));
    }

    private static Response json(String text) {
        return new Response(200, Headers.of("Content-Type", "application/json"), Body.of(text));
    }
}
