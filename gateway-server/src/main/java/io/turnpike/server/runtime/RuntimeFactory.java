package io.turnpike.server.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.config.RouteConfig;
import io.turnpike.server.plugins.ChainFactory;
import io.turnpike.server.plugins.Consumers;
import io.turnpike.server.plugins.RouteChain;
import io.turnpike.server.proxy.UpstreamCall;
import io.turnpike.server.proxy.UpstreamPool;
import io.turnpike.server.proxy.UpstreamTls;
import io.turnpike.server.routing.RouteSpec;
import io.turnpike.server.routing.RouteTable;

/**
 * Builds a {@link GatewayRuntime} from a validated configuration: the route table, each route's chain,
 * and the upstream pools. Every error (a bad path pattern, an unknown plugin, a plugin config that does
 * not bind or validate) is collected, and then reported all at once; nothing half-built is returned.
 */
public final class RuntimeFactory {

    private final ChainFactory chains;

    public RuntimeFactory(ChainFactory chains) {
        this.chains = chains;
    }

    /**
     * @param config the configuration, already checked by the config validator
     * @param file   the file it came from: its name prefixes errors, and relative paths (TLS files) resolve
     *               against its folder
     * @return the runtime
     * @throws ConfigException listing every error found
     */
    public GatewayRuntime build(GatewayConfig config, Path file) {
        List<String> errors = new ArrayList<>();
        Map<String, UpstreamPool> pools = new LinkedHashMap<>();
        config.upstreams().forEach((name, upstream) -> pools.put(name, new UpstreamPool(name, upstream,
                UpstreamTls.create("upstreams." + name + ".tls", upstream.tls(), file.getParent(), errors))));
        Consumers consumers = chains.consumers(config, errors);
        List<RouteRuntime> routes = new ArrayList<>();
        List<RouteSpec<RouteRuntime>> specs = new ArrayList<>();
        for (int i = 0; i < config.routes().size(); i++) {
            RouteConfig route = config.routes().get(i);
            RouteChain chain = chains.build(route, "routes[" + i + "]", consumers, errors);
            RouteRuntime runtime = new RouteRuntime(route.id(), chain,
                    new UpstreamCall(pools.get(route.upstream()), route.stripPrefix(), route.preserveHost()),
                    route.allowEncodedSlashes());
            routes.add(runtime);
            specs.add(new RouteSpec<>(route.id(), route.match(), runtime));
        }
        RouteTable<RouteRuntime> table = RouteTable.build(specs, errors);
        GatewayRuntime runtime = new GatewayRuntime(config, table, List.copyOf(routes), Map.copyOf(pools));
        if (!errors.isEmpty()) {
            runtime.close();
            throw new ConfigException(file.getFileName().toString(), errors);
        }
        return runtime;
    }
}
