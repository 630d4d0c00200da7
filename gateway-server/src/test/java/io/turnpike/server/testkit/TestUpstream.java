package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for a backend service: the JDK's own server, so that the
 * gateway's behaviour is checked against an implementation other than Helidon.
 */
public final class TestUpstream implements AutoCloseable {

    private final HttpServer server;
    private final BlockingQueue<RecordedRequest> requests = new ArrayBlockingQueue<>(10_000);
    private final AtomicInteger count = new AtomicInteger();

    private TestUpstream(Function<RecordedRequest, Reply> reply, HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            count.incrementAndGet();
            if (handler != null) {
                handler.handle(exchange);
                return;
            }
            RecordedRequest request = RecordedRequest.of(exchange);
            requests.offer(request);
            reply.apply(request).writeTo(exchange);
        });
        server.start();
    }

    /**
     * An upstream that records each request, body included, and answers with what the function says.
     *
     * @param reply the answer for a recorded request
     * @return the started upstream
     */
    public static TestUpstream replying(Function<RecordedRequest, Reply> reply) {
        return new TestUpstream(reply, null);
    }

    /**
     * An upstream that records each request and answers 200 with a short text.
     *
     * @return the started upstream
     */
    public static TestUpstream ok() {
        return replying(request -> Reply.text(200, "hello from upstream"));
    }

    /**
     * An upstream with a handler of its own, for streaming and failure cases. Requests are counted, not recorded.
     *
     * @param handler the JDK handler
     * @return the started upstream
     */
    public static TestUpstream handling(HttpHandler handler) {
        return new TestUpstream(null, handler);
    }

    /** @return the base URL, {@code http://127.0.0.1:port} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return how many requests reached this upstream */
    public int requestCount() {
        return count.get();
    }

    /**
     * The next recorded request, waiting up to ten seconds for it.
     *
     * @return the request
     * @throws AssertionError when none arrives
     */
    public RecordedRequest takeRequest() {
        try {
            RecordedRequest request = requests.poll(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no request reached the upstream within 10 s");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * A request as the upstream received it.
     *
     * @param method  the method
     * @param rawPath the path exactly as sent on the request line
     * @param rawQuery the query exactly as sent, or null
     * @param headers the fields, names in the JDK server's case
     * @param body    the body
     */
    public record RecordedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                                  byte[] body) {

        static RecordedRequest of(HttpExchange exchange) throws IOException {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
        }

        /**
         * The first value of a header, any case.
         *
         * @param name the name
         * @return the value, or null when absent
         */
        public String header(String name) {
            List<String> values = headerValues(name);
            return values.isEmpty() ? null : values.getFirst();
        }

        /**
         * Every value of a header, any case.
         *
         * @param name the name
         * @return the values
         */
        public List<String> headerValues(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }
    }

    /**
     * What the upstream answers.
     *
     * @param status  the status
     * @param headers the fields to send
     * @param body    the body
     */
    public record Reply(int status, Map<String, String> headers, byte[] body) {

        public static Reply text(int status, String text) {
            return new Reply(status, Map.of("Content-Type", "text/plain"), text.getBytes());
        }

        void writeTo(HttpExchange exchange) throws IOException {
            headers.forEach(exchange.getResponseHeaders()::add);
            boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304;
            exchange.sendResponseHeaders(status, noBody ? -1 : body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!noBody) {
                    out.write(body);
                }
            }
        }
    }
}
