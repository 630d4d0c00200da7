package io.turnpike.server.plugins;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;

/**
 * One route's filters in the order they run, and the way a request goes through them to the upstream.
 *
 * <p>Each filter is fenced off from the others: a {@link ProblemException} becomes the problem answer
 * that the filters before it see as an ordinary response, and any other failure (an exception, a null
 * response, a contract breach) is logged with the plugin's name and answered 500, so one broken plugin
 * costs one request, never the gateway.
 *
 * <p>Thread-safe: one chain serves every request on its route.
 */
public final class RouteChain implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RouteChain.class.getName());
    static final String FAILURE_DETAIL = "The gateway failed to handle this request.";

    private final String routeId;
    private final String[] names;
    private final Filter[] filters;
    private final List<String> pluginNames;
    private final boolean refusing;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A chain of filters, run in list order.
     *
     * @param routeId the route the chain serves, for error messages
     * @param filters each filter with the name of the plugin that made it
     */
    RouteChain(String routeId, List<NamedFilter> filters) {
        this(routeId, filters, filters.stream().map(NamedFilter::pluginName).toList(), false);
    }

    /**
     * A chain whose filters are not one per plugin, such as one step for all authentication plugins.
     *
     * @param routeId     the route the chain serves
     * @param filters     each filter with the name logs give it
     * @param pluginNames the route's plugins in the order they run, for the admin API
     */
    RouteChain(String routeId, List<NamedFilter> filters, List<String> pluginNames) {
        this(routeId, filters, pluginNames, false);
    }

    private RouteChain(String routeId, List<NamedFilter> filters, List<String> pluginNames, boolean refusing) {
        this.routeId = Objects.requireNonNull(routeId, "routeId");
        this.refusing = refusing;
        this.pluginNames = List.copyOf(pluginNames);
        // Arrays, not lists: the request path indexes them once per filter.
        this.names = filters.stream().map(NamedFilter::pluginName).toArray(String[]::new);
        this.filters = filters.stream().map(NamedFilter::filter).toArray(Filter[]::new);
    }

    /**
     * The chain of a route whose plugins did not validate: it answers every request 500. A caller should
     * refuse such a configuration; should one serve it anyway, the route fails closed rather than run
     * without, say, its authentication plugin.
     *
     * @param routeId the route
     * @return the chain
     */
    static RouteChain refusing(String routeId) {
        return new RouteChain(routeId, List.of(), List.of(), true);
    }

    /**
     * A route's filter with the name of its plugin.
     *
     * @param pluginName the plugin's name, for logs and contract errors
     * @param filter     the filter
     */
    record NamedFilter(String pluginName, Filter filter) {

        NamedFilter {
            Objects.requireNonNull(pluginName, "pluginName");
            Objects.requireNonNull(filter, "filter");
        }
    }

    /**
     * Runs a request through the filters and then the upstream.
     *
     * @param exchange what is known about the request
     * @param request  the request as the client sent it
     * @param upstream what the last filter proceeds to
     * @return the response for the client; a 500 problem when a filter or the upstream failed. Never throws
     *         (but for {@link VirtualMachineError}s, which no request can recover from).
     */
    public Response execute(Exchange exchange, Request request, Upstream upstream) {
        if (refusing) {
            return failed(exchange, "the route's plugins are not configured correctly", null);
        }
        return filters.length == 0 ? callUpstream(exchange, request, upstream) : run(0, exchange, request, upstream);
    }

    /**
     * The plugins in the order they run, for {@code validate} and {@code explain}.
     *
     * @return the plugin names, outermost first
     */
    public List<String> pluginNamesInOrder() {
        return pluginNames;
    }

    /**
     * The route the chain serves.
     *
     * @return the route id
     */
    public String routeId() {
        return routeId;
    }

    /** Closes every filter, last first; a filter that fails to close is logged and the others still close. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = filters.length - 1; i >= 0; i--) {
            String name = names[i];
            try {
                filters[i].close();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                LOG.log(Level.WARNING, () -> "Plugin '" + name + "' on route '" + routeId + "' failed to close its filter", e);
            }
        }
    }

    private Response run(int index, Exchange exchange, Request request, Upstream upstream) {
        if (index == filters.length) {
            return callUpstream(exchange, request, upstream);
        }
        Response response;
        try {
            response = filters[index].handle(exchange, new Link(index, exchange, request, upstream));
        } catch (ProblemException problem) {
            return Problems.response(problem, exchange.requestId());
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return failed(exchange, "plugin '" + names[index] + "' failed", failure);
        }
        if (response == null) {
            return failed(exchange, "plugin '" + names[index] + "' returned no response", null);
        }
        return response;
    }

    private Response callUpstream(Exchange exchange, Request request, Upstream upstream) {
        Response response;
        try {
            response = upstream.call(exchange, request);
        } catch (ProblemException problem) {
            return Problems.response(problem, exchange.requestId());
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            return failed(exchange, "the upstream call failed", failure);
        }
        return response == null ? failed(exchange, "the upstream call returned no response", null) : response;
    }

    private Response failed(Exchange exchange, String what, Throwable failure) {
        String requestId = exchange.requestId();
        LOG.log(Level.ERROR, () -> "Request " + requestId + " on route '" + routeId + "': " + what + "; answering 500",
                failure);
        return Problems.response(500, FAILURE_DETAIL, requestId);
    }

    /** The chain as one filter sees it: the one object a request allocates per filter. */
    private final class Link implements Chain {

        private final int index;
        private final Exchange exchange;
        private final Request request;
        private final Upstream upstream;
        /** Plain, not atomic: it catches a filter's mistake on its own thread, and a filter that hands its
         *  chain to another thread does so with a happens-before edge (thread start, future). */
        private boolean proceeded;

        Link(int index, Exchange exchange, Request request, Upstream upstream) {
            this.index = index;
            this.exchange = exchange;
            this.request = request;
            this.upstream = upstream;
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public Response proceed(Request next) {
            if (proceeded) {
                throw new IllegalStateException(contract("called proceed() twice"));
            }
            if (next == null) {
                throw new NullPointerException(contract("passed a null request to proceed()"));
            }
            proceeded = true;
            return run(index + 1, exchange, next, upstream);
        }

        private String contract(String breach) {
            return "plugin '" + names[index] + "' on route '" + routeId + "' " + breach;
        }
    }
}
