package io.turnpike.server.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.turnpike.api.Body;
import io.turnpike.api.Consumer;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.config.ConsumerHeadersConfig;
import io.turnpike.server.http.Problems;
import io.turnpike.server.observability.CompletedRequest;
import io.turnpike.server.observability.RequestObserver;
import io.turnpike.server.observability.RequestSpan;
import io.turnpike.server.observability.Tracing;
import io.turnpike.server.routing.InvalidPathException;
import io.turnpike.server.routing.NormalizedPath;
import io.turnpike.server.routing.PathNormalizer;
import io.turnpike.server.routing.RouteMatch;
import io.turnpike.server.runtime.CurrentRuntime;
import io.turnpike.server.runtime.GatewayRuntime;
import io.turnpike.server.runtime.RouteRuntime;
import io.turnpike.server.runtime.RuntimeLease;

/**
 * The proxy's one Helidon handler: every request on the proxy port comes through here, on its own
 * virtual thread. It normalises the path, finds the route in the current runtime, runs the route's chain
 * and writes what comes back.
 */
public final class ProxyHandler implements Handler {

    private static final HeaderName REQUEST_ID = HeaderNames.create(RequestIds.HEADER);

    private final CurrentRuntime runtimes;
    private final TrustedProxies trustedProxies;
    private final RequestObserver observer;
    private final Tracing tracing;
    private final RequestsUnderWay underWay;

    /**
     * @param runtimes       the runtime serving now, leased once per request
     * @param trustedProxies the peers whose X-Forwarded-For names the client
     * @param observer       what each request goes to once answered: the access log, the metrics
     * @param tracing        starts each request's span
     * @param underWay       counts each request until its answer is written
     */
    public ProxyHandler(CurrentRuntime runtimes, TrustedProxies trustedProxies, RequestObserver observer,
                        Tracing tracing, RequestsUnderWay underWay) {
        this.runtimes = runtimes;
        this.trustedProxies = trustedProxies;
        this.observer = observer;
        this.tracing = tracing;
        this.underWay = underWay;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String method = req.prologue().method().text();
        String authority = req.authority() == null ? "" : req.authority();
        boolean overHttp2 = "2.0".equals(req.prologue().protocolVersion());
        // behind a TCP load balancer, the client its PROXY protocol header names; Helidon's HTTP/2 adds no fields
        io.helidon.http.Headers fields = overHttp2 ? req.headers()
                : ProxiedPeer.clientFields(req.proxyProtocolData(), req.headers());
        SocketAddress peer = ProxiedPeer.of(req.proxyProtocolData(), req.remotePeer().address());
        ClientRequest request = new ClientRequest(method, req.prologue().protocolVersion(),
                req.prologue().uriPath().rawPath(), req.query().rawValue(), fields, peer, req.isSecure(), authority, () -> body(req), false, overHttp2);
        // The lease spans the response body too: the upstream connection and the filters belong to this runtime.
        try (RequestsUnderWay.Counted counted = count(req, overHttp2); RuntimeLease lease = runtimes.lease()) {
            serve(request, (response, exchange, requestId) -> {
                if (!overHttp2 && underWay.draining()) {
                    // as nginx and Envoy do: the client's next request goes on a new connection, which a load
                    // balancer sends elsewhere, rather than on this one as it closes
                    res.header(HeaderValues.CONNECTION_CLOSE);
                }
                if (!GrpcAnswers.isGrpc(req)) {
                    return ResponseWriter.write(method, response, requestId, res);
                }
                Response call = GrpcAnswers.toGrpc(response);
                ResponseWriter.Sent sent = ResponseWriter.write(method, call, requestId, res);
                // the log keeps the status the gateway decided, and the call's own
                return new ResponseWriter.Sent(response.status(), sent.bytes(), GrpcAnswers.status(call));
            }, lease.runtime());
        }
    }

    /** Counts the request for the stop; an HTTP/2 request may be held back and refused instead (RequestsUnderWay). */
    private RequestsUnderWay.Counted count(ServerRequest req, boolean overHttp2) {
        return overHttp2 ? underWay.beginHttp2(req.content()::consume) : underWay.begin();
    }

    /**
     * Serves a request to switch its connection to WebSocket, as any other request is served (route, chain,
     * upstream), with the upstream asked to switch too; the answer, a {@code 101} or a refusal, goes to
     * {@code answer}, which takes the upstream connection when the switch is made.
     *
     * @param request the client's upgrade request
     * @param answer  writes the answer on the client's connection
     */
    void serveUpgrade(ClientRequest request, Answer answer) {
        try (RuntimeLease lease = runtimes.lease()) {
            serve(request, answer, lease.runtime());
        }
    }

    /** Sends a request's answer to its client. */
    @FunctionalInterface
    interface Answer {
        /**
         * @param response  the answer
         * @param exchange  the request's exchange, or null when it failed before a route was found
         * @param requestId its id
         * @return what reached the client
         */
        ResponseWriter.Sent send(Response response, ProxyExchange exchange, String requestId);
    }

    private void serve(ClientRequest req, Answer answer, GatewayRuntime current) {
        long started = System.nanoTime();
        long arrived = System.currentTimeMillis();
        String method = req.method();
        String requestId = RequestIds.idFor(req.headers().first(REQUEST_ID).orElse(null));
        String loggedPath = req.rawPath();
        InetAddress peer = ((InetSocketAddress) req.peer()).getAddress();
        InetAddress client = peer;
        Response response;
        ProxyExchange exchange = null;
        RequestSpan span = RequestSpan.NONE;
        try {
            if (underWay.refusing()) {
                throw new ProblemException(503, "The gateway is stopping.");
            }
            Headers headers = clientHeaders(req.headers());
            client = trustedProxies.client(peer, headers.all("X-Forwarded-For"));
            NormalizedPath path = PathNormalizer.normalize(req.rawPath());
            loggedPath = path.path();
            span = tracing.begin(method, loggedPath, requestId, headers);
            String authority = req.authority();
            RouteRuntime route = switch (current.routes().match(method, hostName(authority), path.path(), headers)) {
                case RouteMatch.Found<RouteRuntime> found -> found.target();
                case RouteMatch.NotFound<RouteRuntime> notFound ->
                        throw new ProblemException(404, "No route matches this request.");
                case RouteMatch.MethodNotAllowed<RouteRuntime> notAllowed ->
                        throw new ProblemException(405, "Method Not Allowed", "This route does not take " + method + ".",
                                Headers.of("Allow", String.join(", ", notAllowed.allowed())));
            };
            if (path.hasEncodedSeparator() && !route.allowEncodedSlashes()) {
                throw new ProblemException(400, "Encoded slashes, backslashes and NUL are not allowed in the path.");
            }
            span.routed(route.id());
            exchange = new ProxyExchange(requestId, route.id(), peer, client, req.secure() ? "https" : "http", authority,
                    req.version(), span);
            if (req.upgrade()) {
                exchange.upgradeRequested();
            }
            if (req.duplex()) {
                exchange.duplexBody();
            }
            Headers forwarded = withoutConsumerHeaders(HopByHopHeaders.strip(headers), current.config().consumerHeaders());
            // Hop-by-hop, yet what the plugins must know of a request to switch: it is no ordinary GET.
            Request request = new Request(method, path.path(), req.rawQuery(),
                    req.upgrade() ? forwarded.with("Upgrade", "websocket") : forwarded, req.body().get());
            response = route.chain().execute(exchange, request, route.upstream());
        } catch (ProblemException problem) {
            response = Problems.response(problem, requestId);
        } catch (InvalidPathException invalid) {
            response = Problems.response(400, invalid.getMessage(), requestId);
        }
        ResponseWriter.Sent sent = null;
        try {
            sent = answer.send(response, exchange, requestId);
        } finally {
            if (exchange != null) {
                exchange.end();
            }
            CompletedRequest completed = new CompletedRequest(arrived, requestId, client, method, loggedPath,
                    sent != null ? sent.status() : response.status(), sent != null ? sent.bytes() : -1,
                    System.nanoTime() - started, exchange == null ? null : exchange.routeId(),
                    exchange == null ? null : exchange.upstream(), exchange == null ? -1 : exchange.upstreamNanos(),
                    exchange == null ? null : exchange.consumer().map(Consumer::name).orElse(null),
                    grpcStatus(sent, exchange));
            observer.requestEnded(completed);
            span.end(completed);
        }
    }

    /** The status of a call that arrived as gRPC, else the one a plugin that translated the call learnt. */
    private static String grpcStatus(ResponseWriter.Sent sent, ProxyExchange exchange) {
        if (sent != null && sent.grpcStatus() != null) {
            return sent.grpcStatus();
        }
        return exchange == null ? null : exchange.attribute(Exchange.GRPC_STATUS).orElse(null);
    }

    /** Helidon has parsed the fields; this refuses the ones no upstream should ever be handed (NUL, CR, LF). */
    private static Headers clientHeaders(io.helidon.http.Headers fields) {
        Headers.Builder headers = Headers.builder();
        try {
            for (Header header : fields) {
                for (String value : header.allValues()) {
                    headers.add(header.name(), value);
                }
            }
        } catch (IllegalArgumentException forbidden) {
            throw new ProblemException(400, "A header name or value has a forbidden character.");
        }
        return headers.build();
    }

    /**
     * Only the gateway names the consumer to the upstream: a client's copy is removed on every route,
     * authenticated or not, so an upstream can trust these headers whenever they are present.
     */
    private static Headers withoutConsumerHeaders(Headers headers, ConsumerHeadersConfig names) {
        if (!headers.contains(names.name()) && !headers.contains(names.groups())) {
            return headers;
        }
        return headers.toBuilder().remove(names.name()).remove(names.groups()).build();
    }

    /** The host of an authority, without its port: what {@code match.host} is compared with. */
    private static String hostName(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static Body body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return Body.empty();
        }
        long length = req.headers().contentLength().orElse(-1);
        return length == 0 ? Body.empty() : Body.of(req.content().inputStream(), length);
    }
}
