package io.turnpike.server.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.http.ClientRequestHeaders;
import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.http.http2.Http2Headers;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webclient.http1.UpgradeResponse;
import io.turnpike.api.Body;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;
import io.turnpike.server.observability.UpstreamSpan;
import io.turnpike.server.plugins.Upstream;

/**
 * The last link of a route's chain: sends the request to a target of the route's upstream and hands
 * back the upstream's response with its body still streaming. Around that, the upstream's resilience:
 * the bulkhead, the choice of a target that may take traffic, and retries when they are safe
 * (docs/resilience.md states the rules).
 */
public final class UpstreamCall implements Upstream {

    private static final System.Logger LOGGER = System.getLogger(UpstreamCall.class.getName());
    /** RFC 9110 §9.2.2: sending these twice has the effect of sending them once. */
    private static final HeaderName REQUEST_ID = HeaderNames.create(RequestIds.HEADER);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");
    private static final String WEBSOCKET = "websocket";

    private final UpstreamPool pool;
    private final String stripPrefix;
    private final boolean preserveHost;
    private final Duration readTimeout;

    /**
     * @param pool         the route's upstream
     * @param stripPrefix  a leading path to remove, or empty
     * @param preserveHost forward the client's Host rather than the target's
     */
    public UpstreamCall(UpstreamPool pool, String stripPrefix, boolean preserveHost) {
        this(pool, stripPrefix, preserveHost, null);
    }

    /**
     * @param pool         the route's upstream
     * @param stripPrefix  a leading path to remove, or empty
     * @param preserveHost forward the client's Host rather than the target's
     * @param readTimeout  the route's wait for the answer and between its bytes, or null for the upstream's
     */
    public UpstreamCall(UpstreamPool pool, String stripPrefix, boolean preserveHost, Duration readTimeout) {
        this.pool = pool;
        this.stripPrefix = stripPrefix == null ? "" : stripPrefix;
        this.preserveHost = preserveHost;
        this.readTimeout = readTimeout == null ? pool.readTimeout() : readTimeout;
    }

    @Override
    public Response call(Exchange exchange, Request request) {
        ProxyExchange proxyExchange = (ProxyExchange) exchange;
        if (!pool.enter()) {
            return Problems.response(new ProblemException(503, "Service Unavailable",
                    "The upstream has as many requests in flight as it may take; try again shortly.",
                    Headers.of("Retry-After", "1")), proxyExchange.requestId());
        }
        proxyExchange.closeAtEnd(pool::leave);
        ResendableBody body = new ResendableBody(request.body());
        Set<TargetState> tried = new HashSet<>(4);
        RequestKeys.Key key = pool.keyOf(exchange, request);
        Response response = pool.retry().executeSupplier(() -> attempt(proxyExchange, request, body, tried, key.hash()))
                .response();
        // no lambda on the path of every request: only a consistent-hash upstream by cookie ever gives one
        if (key.cookie().isEmpty()) {
            return response;
        }
        return response.withHeaders(response.headers().plus("Set-Cookie", key.cookie().get()));
    }

    /** One try, to one target. Every outcome is an answer, so that the retry policy sees them all. */
    private Attempt attempt(ProxyExchange exchange, Request request, ResendableBody body, Set<TargetState> tried,
                            long key) {
        TargetState state = pool.choose(tried, key);
        if (state == null) {
            return Attempt.done(noTarget(exchange));
        }
        tried.add(state);
        Target target = state.target();
        String path = target.basePath() + forwardedPath(request.path());
        UpstreamSpan span = exchange.span().upstream(request.method(), target.origin(), path, tried.size() - 1);
        if (pool.speaksHttp2()) {
            return attemptHttp2(exchange, request, body, state, path, span);
        }
        Http1ClientRequest outbound;
        try {
            outbound = outbound(exchange, request, target, path, span);
        } catch (RuntimeException e) {
            throw notAttempted(state, span, e);
        }
        long started = System.nanoTime();
        Http1ClientResponse response;
        ClientConnection connection = null;
        try {
            connection = state.connections().take();
            if (exchange.upgrade()) {
                UpgradeResponse upgrade = outbound.connection(connection).upgrade(WEBSOCKET);
                if (upgrade.isUpgraded()) {
                    return switched(exchange, state, span, started, upgrade);
                }
                // not switched: an ordinary answer, on a connection that stays an ordinary one
                response = (Http1ClientResponse) upgrade.response();
            } else {
                response = send(outbound.connection(connection), body, connection);
            }
        } catch (RuntimeException e) {
            if (connection != null) {
                // Helidon closes it on a timeout but not on every failure; a broken exchange must never be pooled
                connection.closeResource();
            }
            return failed(exchange, request, body, state, span, started, e);
        }
        return answered(exchange, request, body, state, span, started, response::close,
                toResponse(request, response, connection));
    }

    /** One try over HTTP/2, on a stream of a connection that many requests share. */
    private Attempt attemptHttp2(ProxyExchange exchange, Request request, ResendableBody body, TargetState state,
                                 String path, UpstreamSpan span) {
        Target target = state.target();
        if (exchange.upgrade()) {
            state.release();
            return Attempt.done(Problems.response(502, "This upstream speaks HTTP/2, over which the gateway does not"
                    + " tunnel WebSocket.", exchange.requestId()));
        }
        Http2Headers fields;
        try {
            ClientRequestHeaders headers = ClientRequestHeaders.create(WritableHeaders.create());
            upstreamHeaders(request, exchange, target, span, headers);
            // the gateway, as this hop's client, takes trailers (they go on to the client), as gRPC requires
            headers.set(HeaderValues.TE_TRAILERS);
            fields = Http2Headers.create(headers)
                    .method(Method.create(request.method()))
                    .path(pathAndQuery(path, request))
                    .scheme(target.origin().getScheme());
        } catch (RuntimeException e) {
            throw notAttempted(state, span, e);
        }
        long started = System.nanoTime();
        Http2Exchange call = null;
        Http2Headers answer;
        try {
            call = new Http2Exchange(state.http2().open(readTimeout));
            call.send(fields, body, exchange.duplex());
            answer = call.answer();
        } catch (RuntimeException e) {
            if (call != null) {
                // the stream's place goes back now; a body still being sent is waited for once the failure is
                // answered, not before
                call.stop();
                exchange.closeAtEnd(call::end);
            }
            return failed(exchange, request, body, state, span, started, e);
        }
        return answered(exchange, request, body, state, span, started, call::end, toResponse(request, answer, call));
    }

    /** Nothing was sent: the reservation goes back, or a half-open breaker would wait forever. */
    private static RuntimeException notAttempted(TargetState state, UpstreamSpan span, RuntimeException e) {
        state.release();
        span.failed(e.getClass().getName());
        return e;
    }

    /** A try that got no answer: the failure is the target's, and the try may be retried if that is safe. */
    private Attempt failed(ProxyExchange exchange, Request request, ResendableBody body, TargetState state,
                           UpstreamSpan span, long started, RuntimeException e) {
        Target target = state.target();
        if (Thread.currentThread().isInterrupted()) {
            // cut at the end of the gateway's drain timeout (RequestsUnderWay.cut): not the target's failure, and
            // no time left to try another
            state.release();
            span.failed("cut");
            return Attempt.done(Problems.response(503, "The gateway stopped before the upstream answered.",
                    exchange.requestId()));
        }
        Failure kind = Failure.of(e, body.failed());
        span.failed(kind.name().toLowerCase(Locale.ROOT));
        if (kind == Failure.REQUEST_BODY) {
            state.release();
            ProblemException refusal = problemIn(e);
            return Attempt.done(refusal != null ? Problems.response(refusal, exchange.requestId())
                    : failure(e, exchange, target));
        }
        long took = System.nanoTime() - started;
        state.recordFailure(took, e);
        exchange.upstreamAnswered(target.origin().toString(), took);
        return new Attempt(failure(e, exchange, target), mayRetry(kind, request, body), () -> { });
    }

    /** A try the target answered: its status counts for the target's health, and may ask for a retry. */
    private Attempt answered(ProxyExchange exchange, Request request, ResendableBody body, TargetState state,
                             UpstreamSpan span, long started, Runnable close, Response response) {
        int status = response.status();
        long took = System.nanoTime() - started;
        span.answered(status);
        state.recordStatus(took, status);
        exchange.upstreamAnswered(state.target().origin().toString(), took);
        Runnable end = once(() -> {
            close.run();
            state.responseEnded();
        });
        exchange.closeAtEnd(end::run);
        boolean retry = pool.retries().onStatuses().contains(status) && IDEMPOTENT.contains(request.method())
                && body.canResend();
        return new Attempt(response, retry, end);
    }

    /**
     * The upstream switched to WebSocket: the client gets its {@code 101}, and its connection, now a tunnel, goes
     * to the exchange; it is never pooled again. The request counts as answered for the target's health, and
     * as no longer in flight.
     */
    private static Attempt switched(ProxyExchange exchange, TargetState state, UpstreamSpan span, long started,
                                    UpgradeResponse upgrade) {
        long took = System.nanoTime() - started;
        int status = upgrade.response().status().code();
        span.answered(status);
        state.recordStatus(took, status);
        state.responseEnded();
        exchange.upstreamAnswered(state.target().origin().toString(), took);
        exchange.tunnelTo(upgrade.connection());
        return new Attempt(new Response(status, endToEnd(upgrade.response().headers()), Body.empty()), false, () -> { });
    }

    private Http1ClientRequest outbound(ProxyExchange exchange, Request request, Target target, String path,
                                       UpstreamSpan span) {
        Http1ClientRequest outbound = pool.http1()
                .method(Method.create(request.method()))
                .uri(target.origin())
                .skipUriEncoding(true)
                // set on the connection for this exchange: the head, and every read of the body after it
                .readTimeout(readTimeout)
                .path(pathAndQuery(path, request));
        outbound.headers(headers -> upstreamHeaders(request, exchange, target, span, headers));
        return outbound;
    }

    /**
     * The rule of docs/resilience.md: a request is sent again only when the whole of it can be sent again,
     * and either none of it reached the upstream or its method is idempotent.
     */
    private boolean mayRetry(Failure kind, Request request, ResendableBody body) {
        boolean allowed = switch (kind) {
            case CONNECT, REFUSED -> true;
            case RESET -> IDEMPOTENT.contains(request.method());
            case TIMEOUT -> pool.retries().onTimeout() && IDEMPOTENT.contains(request.method());
            case REQUEST_BODY -> false;
        };
        return allowed && body.canResend();
    }

    private Response noTarget(ProxyExchange exchange) {
        String retryAfter = Long.toString(pool.retryAfterSeconds());
        LOGGER.log(System.Logger.Level.WARNING, () -> "request " + exchange.requestId() + " on route "
                + exchange.routeId() + ": no target of upstream " + pool.name() + " may take traffic now");
        return Problems.response(new ProblemException(503, "Service Unavailable",
                "No target of the upstream can take requests now; try again after " + retryAfter + " s.",
                Headers.of("Retry-After", retryAfter)), exchange.requestId());
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** The target's path with the query as the client wrote it: Helidon's encoding is skipped. */
    private static String pathAndQuery(String path, Request request) {
        return request.query().isEmpty() ? path : path + "?" + request.query();
    }

    private String forwardedPath(String path) {
        if (stripPrefix.isEmpty() || !path.startsWith(stripPrefix)) {
            return path;
        }
        if (path.length() == stripPrefix.length()) {
            return "/";
        }
        return path.charAt(stripPrefix.length()) == '/' ? path.substring(stripPrefix.length()) : path;
    }

    /**
     * The request's fields go straight into the client's headers, and the gateway's own fields replace any
     * the client sent: one copy per request, not one per rule.
     */
    private void upstreamHeaders(Request request, ProxyExchange exchange, Target target, UpstreamSpan span,
                                 ClientRequestHeaders headers) {
        headers.clear();
        Headers original = request.headers();
        original.forEach((name, value) -> headers.add(HeaderValues.create(name, value)));
        ForwardedHeaders.add(original, exchange, (name, value) -> headers.set(HeaderValues.create(name, value)));
        span.propagate((name, value) -> headers.set(HeaderValues.create(name, value)));
        headers.set(HeaderValues.create(REQUEST_ID, exchange.requestId()));
        if (!preserveHost || exchange.authority().isEmpty()) {
            headers.set(HeaderValues.create(HeaderNames.HOST, target.authority()));
        }
        if (exchange.upgrade()) {
            // hop-by-hop, so stripped from the client's request: this hop asks for the switch anew
            headers.set(HeaderValues.create(HeaderNames.CONNECTION, "Upgrade"));
            headers.set(HeaderValues.create(HeaderNames.UPGRADE, WEBSOCKET));
        }
        headers.remove(HeaderNames.CONTENT_LENGTH);
        long length = request.body().length();
        if (length > 0) {
            headers.set(HeaderValues.create(HeaderNames.CONTENT_LENGTH, Long.toString(length)));
        }
    }

    private static Http1ClientResponse send(Http1ClientRequest outbound, ResendableBody body, ClientConnection connection) {
        if (body.length() == 0) {
            return outbound.request();
        }
        return outbound.outputStream(out -> {
            try (InputStream in = body.open()) {
                copy(in, out, body.length());
            } catch (IOException | RuntimeException e) {
                // The body was not sent whole: the upstream must see the request cut short, not a short body.
                // Closing the stream would be wrong: for a chunked body it writes the last chunk, so the upstream
                // would take the truncated body for a complete one. Helidon leaves the connection open when this
                // handler throws, so it is closed here.
                connection.closeResource();
                throw e;
            }
            out.close();
        });
    }

    /** A refusal raised while the body streamed (a plugin's size limit), however Helidon wrapped it. */
    private static ProblemException problemIn(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem;
            }
        }
        return null;
    }

    private static Response toResponse(Request request, Http1ClientResponse response, ClientConnection connection) {
        int status = response.status().code();
        Headers responseHeaders = endToEnd(response.headers());
        if (!ResponseWriter.mayHaveBody(request.method(), status)) {
            return new Response(status, responseHeaders, Body.empty());
        }
        long length = response.headers().contentLength().orElse(-1);
        InputStream body = length < 0 && !response.headers().containsToken(HeaderValues.TRANSFER_ENCODING_CHUNKED)
                ? new CloseDelimitedBody(response.inputStream(), connection::closeResource)
                : response.inputStream();
        return new Response(status, responseHeaders, Body.of(body, length));
    }

    /** An HTTP/2 answer: framed by HTTP/2 itself, and ending with trailers that the body carries on. */
    private static Response toResponse(Request request, Http2Headers answer, Http2Exchange call) {
        int status = answer.status().code();
        ClientResponseHeaders fields = ClientResponseHeaders.create(answer.httpHeaders());
        Headers responseHeaders = endToEnd(fields);
        if (!call.answerHasBody() || !ResponseWriter.mayHaveBody(request.method(), status)) {
            return new Response(status, responseHeaders, Body.empty());
        }
        return new Response(status, responseHeaders, new TrailingBody(call.answerBody(),
                fields.contentLength().orElse(-1), call::trailers));
    }

    /** The upstream's fields go into one copy, hop-by-hop ones left out on the way (RFC 9110 §7.6.1). */
    private static Headers endToEnd(ClientResponseHeaders fields) {
        List<String> connectionNames = HopByHopHeaders.connectionNames(fields.all(HeaderNames.CONNECTION, List::of));
        Headers.Builder headers = Headers.builder();
        for (Header header : fields) {
            String name = header.name();
            if (HopByHopHeaders.excluded(name, connectionNames)) {
                continue;
            }
            for (String value : header.allValues()) {
                headers.add(name, value);
            }
        }
        return headers.build();
    }

    private static Response failure(RuntimeException e, ProxyExchange exchange, Target target) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        boolean timedOut = cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                || cause.getClass().getSimpleName().contains("Timeout");
        LOGGER.log(System.Logger.Level.WARNING, () -> "request " + exchange.requestId() + " on route "
                + exchange.routeId() + " to " + target.origin() + " failed: " + cause);
        if (timedOut) {
            return Problems.response(504, "The upstream did not answer in time.", exchange.requestId());
        }
        if (cause instanceof ConnectException) {
            return Problems.response(502, "The upstream refused the connection.", exchange.requestId());
        }
        if (cause instanceof NotProcessedException) {
            return Problems.response(502, "The upstream refused the request.", exchange.requestId());
        }
        return Problems.response(502, "The upstream failed to answer.", exchange.requestId());
    }

    /**
     * Copies with a flush whenever the source has nothing more at hand, so streamed answers are not held back.
     * The buffer fits the body when its length is known: Helidon sizes its own read buffer by the request.
     *
     * @return the bytes copied
     */
    static long copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[length > 0 ? (int) Math.min(length, 64 * 1024) : 16 * 1024];
        long copied = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            copied += read;
            if (in.available() == 0) {
                out.flush();
            }
        }
        return copied;
    }
}
