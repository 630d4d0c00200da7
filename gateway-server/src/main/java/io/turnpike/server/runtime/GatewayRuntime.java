package io.turnpike.server.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.tls.Tls;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.proxy.UpstreamPool;
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

    /** Closes the filters, and the upstream pools that no newer runtime took over. */
    @Override
    public void close() {
        routeList.forEach(route -> route.chain().close());
        releaseUpstreams.run();
    }
}
