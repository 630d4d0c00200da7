package io.turnpike.server.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.tls.Tls;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.observability.TargetState;
import io.turnpike.server.proxy.UpstreamPool;
import io.turnpike.server.proxy.UpstreamStatus;
import io.turnpike.server.routing.RouteTable;

/**
 * One configuration, ready to serve: every route built, every plugin config bound and every filter created.
 * Requests take the current runtime once, at their start, so a reload that swaps it never changes the
 * rules under a request already in flight.
 *
 * @param config    the configuration it was built from
 * @param routes    the routing table
 * @param routeList the routes in declaration order
 * @param upstreams the upstream pools by name
 * @param releaseUpstreams gives the pools back, closing those no other runtime holds
 * @param listenerTls the proxy listener's TLS as the files now hold it, when {@code server.tls} is set
 * @param adminTls    the admin listener's, when {@code admin.tls} is set
 */
public record GatewayRuntime(GatewayConfig config,
                             RouteTable<RouteRuntime> routes,
                             List<RouteRuntime> routeList,
                             Map<String, UpstreamPool> upstreams,
                             Runnable releaseUpstreams,
                             Optional<Tls> listenerTls,
                             Optional<Tls> adminTls) implements AutoCloseable {

    /** @return every target of every upstream, in config order, as the metrics show them now */
    public List<TargetState> targetStates() {
        List<TargetState> states = new ArrayList<>();
        for (String name : config.upstreams().keySet()) {
            for (UpstreamStatus.TargetStatus target : upstreams.get(name).status().targets()) {
                states.add(new TargetState(name, target.url(), target.address().orElse(""), target.available(),
                        target.circuitBreaker().state().toLowerCase(Locale.ROOT)));
            }
        }
        return states;
    }

    /** Closes the filters, and the upstream pools that no newer runtime took over. */
    @Override
    public void close() {
        routeList.forEach(route -> route.chain().close());
        releaseUpstreams.run();
    }
}
