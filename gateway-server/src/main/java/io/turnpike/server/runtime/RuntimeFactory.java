package io.turnpike.server.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.helidon.common.tls.Tls;
import io.turnpike.server.config.ConfigCheck;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.config.RouteConfig;
import io.turnpike.server.plugins.ChainFactory;
import io.turnpike.server.plugins.Consumers;
import io.turnpike.server.plugins.GlobalPlugins;
import io.turnpike.server.plugins.RouteChain;
import io.turnpike.server.plugins.Upstream;
import io.turnpike.server.proxy.ListenerTls;
import io.turnpike.server.proxy.NoUpstream;
import io.turnpike.server.proxy.SplitUpstream;
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
    private final UpstreamPools pools;

    /**
     * A factory whose runtimes share no upstream pool with any other: for a configuration checked, not served.
     *
     * @param chains builds each route's chain
     */
    public RuntimeFactory(ChainFactory chains) {
        this(chains, new UpstreamPools());
    }

    /**
     * @param chains builds each route's chain
     * @param pools  the pools of the runtimes in service, which a new runtime takes over where its upstreams did
     *               not change
     */
    public RuntimeFactory(ChainFactory chains, UpstreamPools pools) {
        this.chains = chains;
        this.pools = pools;
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
        Map<String, UpstreamPool> upstreams = new LinkedHashMap<>();
        List<UpstreamPools.Lease> leases = new ArrayList<>();
        config.upstreams().forEach((name, upstream) -> {
            Optional<Tls> tls = UpstreamTls.create("upstreams." + name + ".tls", upstream.tls(), file.getParent(),
                    errors);
            UpstreamPools.Lease lease = pools.acquire(name, upstream, UpstreamTls.digest(upstream.tls(),
                    file.getParent()), () -> new UpstreamPool(name, upstream, tls));
            leases.add(lease);
            upstreams.put(name, lease.pool());
        });
        Optional<Tls> listenerTls = ListenerTls.create("server.tls", config.server().tls(), file.getParent(), errors);
        Optional<Tls> adminTls = ListenerTls.create("admin.tls", config.admin().tls(), file.getParent(), errors);
        Consumers consumers = chains.consumers(config, errors);
        GlobalPlugins globals = chains.globals(config, errors);
        List<RouteRuntime> routes = new ArrayList<>();
        List<RouteSpec<RouteRuntime>> specs = new ArrayList<>();
        for (int i = 0; i < config.routes().size(); i++) {
            RouteConfig route = config.routes().get(i);
            RouteChain chain = chains.build(route, "routes[" + i + "]", consumers, globals, errors);
            Upstream upstream = upstream(route, upstreams);
            RouteRuntime runtime = new RouteRuntime(route.id(), chain, upstream, route.allowEncodedSlashes());
            routes.add(runtime);
            specs.add(new RouteSpec<>(route.id(), route.match(), runtime));
        }
        RouteTable<RouteRuntime> table = RouteTable.build(specs, errors);
        GatewayRuntime runtime = new GatewayRuntime(config, table, List.copyOf(routes), Map.copyOf(upstreams),
                () -> leases.forEach(UpstreamPools.Lease::close), listenerTls, adminTls);
        if (!errors.isEmpty()) {
            runtime.close();
            throw new ConfigException(file.getFileName().toString(), errors);
        }
        return runtime;
    }

    /** The call at the end of a route's chain: to its upstream, split with others as its config says. */
    private static Upstream upstream(RouteConfig route, Map<String, UpstreamPool> pools) {
        if (route.upstream() == null) {
            return new NoUpstream(route.id());
        }
        Upstream main = new UpstreamCall(pools.get(route.upstream()), route.stripPrefix(), route.preserveHost(),
                route.readTimeout());
        if (route.split() == null) {
            return main;
        }
        Map<String, Upstream> others = new HashMap<>();
        route.split().to().forEach(branch -> others.computeIfAbsent(branch.upstream(),
                name -> new UpstreamCall(pools.get(name), route.stripPrefix(), route.preserveHost(),
                        route.readTimeout())));
        return SplitUpstream.of(route.split(), main, others);
    }

    /**
     * Runs the checks of {@link #build} on a file that failed the earlier ones, over what did bind: TLS files,
     * consumers' credentials, each route's plugins and their configs, path patterns. A part with an earlier
     * error at, above or below its location is skipped, and so is an error the earlier ones explain. Nothing
     * is built to serve; the chains made for the check are closed at once.
     *
     * @param earlier what the file's own checks found, with a configuration bound despite its errors
     * @return the errors found, each as {@code location: message}
     */
    public List<String> check(ConfigCheck earlier) {
        GatewayConfig config = earlier.bound().orElseThrow();
        Path directory = earlier.file().getParent();
        List<String> errors = new ArrayList<>();
        config.upstreams().forEach((name, upstream) -> {
            String at = "upstreams." + name + ".tls";
            part(earlier.hasErrorAt(at), errors, found -> UpstreamTls.create(at, upstream.tls(), directory, found));
        });
        part(earlier.hasErrorAt("server.tls"), errors, found ->
                ListenerTls.create("server.tls", config.server().tls(), directory, found));
        part(earlier.hasErrorAt("admin.tls"), errors, found ->
                ListenerTls.create("admin.tls", config.admin().tls(), directory, found));
        Consumers consumers = earlier.hasErrorAt("consumers") ? Consumers.NONE : chains.consumers(config, errors);
        List<String> globalErrors = new ArrayList<>();
        GlobalPlugins bound = earlier.hasErrorAt("plugins.global") ? GlobalPlugins.NONE
                : chains.globals(config, globalErrors);
        errors.addAll(globalErrors);
        // routes are checked without the globals when these have errors of their own: they are reported once, above
        GlobalPlugins globals = globalErrors.isEmpty() ? bound : GlobalPlugins.NONE;
        List<RouteSpec<Void>> specs = new ArrayList<>();
        for (int i = 0; i < config.routes().size(); i++) {
            RouteConfig route = config.routes().get(i);
            String at = "routes[" + i + "]";
            part(earlier.hasErrorAt(at + ".plugins"), errors,
                    found -> chains.build(route, at, consumers, globals, found).close());
            // A match in error goes in as none: the table then only repeats what the earlier error says, which
            // is left out below, and the other routes keep their indexes.
            specs.add(new RouteSpec<>(route.id(), earlier.hasErrorAt(at + ".match") ? null : route.match(), null));
        }
        part(false, errors, found -> RouteTable.build(specs, found));
        return errors.stream().filter(error -> !earlier.explains(error)).distinct().toList();
    }

    /**
     * One part of {@link #check}, unless {@code skip}. What bound of a file in error can hold values the
     * checks otherwise never see (a value set aside is absent), so a part that fails is left out rather than
     * reported: the earlier errors already say what is wrong there.
     */
    private static void part(boolean skip, List<String> errors, Consumer<List<String>> check) {
        if (skip) {
            return;
        }
        List<String> found = new ArrayList<>();
        try {
            check.accept(found);
            errors.addAll(found);
        } catch (RuntimeException e) {
            // left out, as said above
        }
    }
}
