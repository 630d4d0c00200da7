package io.turnpike.server.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.turnpike.api.Body;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;
import io.turnpike.server.plugins.Upstream;

/**
 * The last link of a route's chain: sends the request to one target of the route's upstream and hands
 * back the upstream's response with its body still streaming.
 */
public final class UpstreamCall implements Upstream {

    private static final System.Logger LOGGER = System.getLogger(UpstreamCall.class.getName());

    private final UpstreamPool pool;
    private final String stripPrefix;
    private final boolean preserveHost;

    /**
     * @param pool         the route's upstream
     * @param stripPrefix  a leading path to remove, or empty
     * @param preserveHost forward the client's Host rather than the target's
     */
    public UpstreamCall(UpstreamPool pool, String stripPrefix, boolean preserveHost) {
        this.pool = pool;
        this.stripPrefix = stripPrefix == null ? "" : stripPrefix;
        this.preserveHost = preserveHost;
    }

    @Override
    public Response call(Exchange exchange, Request request) {
        ProxyExchange proxyExchange = (ProxyExchange) exchange;
        Target target = pool.nextTarget();
        HttpClientRequest outbound = pool.client()
                .method(Method.create(request.method()))
                .uri(target.origin())
                .skipUriEncoding(true)
                .path(target.basePath() + forwardedPath(request.path()) + (request.query().isEmpty() ? "" : "?" + request.query()));
        outbound.headers(headers -> {
            headers.clear();
            upstreamHeaders(request, proxyExchange, target).forEach(
                    (name, value) -> headers.add(HeaderValues.create(name, value)));
        });
        HttpClientResponse response;
        try {
            response = send(outbound, request.body());
        } catch (RuntimeException e) {
            ProblemException problem = problemIn(e);
            return problem != null ? Problems.response(problem, exchange.requestId()) : failure(e, proxyExchange, target);
        }
        proxyExchange.closeAtEnd(response::close);
        return toResponse(request, response);
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

    private Headers upstreamHeaders(Request request, ProxyExchange exchange, Target target) {
        Headers original = request.headers();
        Headers.Builder headers = original.toBuilder();
        ForwardedHeaders.add(headers, original, exchange);
        headers.set(RequestIds.HEADER, exchange.requestId());
        if (!preserveHost || exchange.host().isEmpty()) {
            headers.set("Host", target.authority());
        }
        long length = request.body().length();
        headers.remove("Content-Length");
        if (length > 0) {
            headers.set("Content-Length", Long.toString(length));
        }
        return headers.build();
    }

    private static HttpClientResponse send(HttpClientRequest outbound, Body body) {
        if (body.length() == 0) {
            return outbound.request();
        }
        return outbound.outputStream(out -> {
            try (InputStream in = body.stream()) {
                copy(in, out);
            } catch (IOException | RuntimeException e) {
                // the body was not sent whole: the upstream must see the request cut short, not a short body
                AbortedUpload.abort(out);
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

    private static Response toResponse(Request request, HttpClientResponse response) {
        int status = response.status().code();
        Headers.Builder headers = Headers.builder();
        for (Header header : response.headers()) {
            for (String value : header.allValues()) {
                headers.add(header.name(), value);
            }
        }
        Headers responseHeaders = HopByHopHeaders.strip(headers.build());
        if (!ResponseWriter.mayHaveBody(request.method(), status)) {
            return new Response(status, responseHeaders, Body.empty());
        }
        long length = response.headers().contentLength().orElse(-1);
        return new Response(status, responseHeaders, Body.of(response.inputStream(), length));
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
        return Problems.response(502, "The upstream failed to answer.", exchange.requestId());
    }

    /** Copies with a flush whenever the source has nothing more at hand, so streamed answers are not held back. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            if (in.available() == 0) {
                out.flush();
            }
        }
    }
}
