package io.turnpike.plugins.responsecache;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import io.turnpike.server.testkit.TestUpstream;

/**
 * A real upstream for the integration tests that counts its hits per path and answers with the caching
 * headers its paths name:
 * {@code /catalog/items/*} max-age=60 with an ETag, {@code /short} max-age=1, {@code /private} private,
 * {@code /vary} Vary: Accept-Language, {@code /slow} held until released, {@code /big/*} 10 KiB,
 * {@code /huge} 2 MiB, {@code /chunked} of unknown length, {@code /revalidated} max-age=1 with an ETag it
 * answers 304 to. Every body names the hit that made it.
 */
final class CatalogUpstream implements AutoCloseable {

    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final TestUpstream server = TestUpstream.handling(this::handle);

    String url() {
        return server.url();
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    /** Lets the held {@code /catalog/slow} requests answer. */
    void releaseSlow() {
        slowRelease.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int hit = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        var headers = exchange.getResponseHeaders();
        String text = path + " hit " + hit;
        headers.add("Cache-Control", "max-age=60");
        switch (path.startsWith("/catalog/items/") ? "/catalog/items/" : path.startsWith("/catalog/big/") ? "/catalog/big/" : path) {
            case "/catalog/items/" -> headers.add("ETag", "\"v1\"");
            case "/catalog/short" -> headers.set("Cache-Control", "max-age=1");
            case "/catalog/fallback" -> headers.set("Cache-Control", "max-age=1, stale-if-error=600");
            case "/catalog/revalidated" -> {
                headers.set("Cache-Control", "max-age=1");
                headers.add("ETag", "\"r1\"");
                if ("\"r1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
            }
            case "/catalog/private" -> headers.set("Cache-Control", "private, max-age=60");
            case "/catalog/vary" -> {
                headers.add("Vary", "Accept-Language");
                text = exchange.getRequestHeaders().getFirst("Accept-Language") + " " + text;
            }
            case "/catalog/slow" -> await();
            case "/catalog/big/" -> text = pad(text, 10 * 1024);
            case "/catalog/huge" -> text = pad(text, 2 * 1024 * 1024);
            case "/catalog/chunked" -> {
                send(exchange, text, true);
                return;
            }
            default -> { }
        }
        send(exchange, text, false);
    }

    private void await() {
        try {
            if (!slowRelease.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released /catalog/slow");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String pad(String text, int length) {
        char[] filler = new char[length - text.length() - 1];
        Arrays.fill(filler, 'x');
        return text + " " + new String(filler);
    }

    private static void send(HttpExchange exchange, String text, boolean chunked) throws IOException {
        byte[] body = text.getBytes();
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(200, head ? -1 : chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        releaseSlow();
        server.close();
    }
}
