package io.turnpike.plugins.forwardauth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import io.turnpike.api.Headers;

/**
 * The authorization service, over HTTP/1.1 with kept-alive connections: puts one request's fields to it and
 * says what it answered. At most {@code maxConcurrent} calls are in flight; a call waits for a free one within
 * its timeout, so a slow service holds a bounded number of connections, and no request longer than the timeout.
 */
final class AuthService implements AutoCloseable {

    /** Refusal pages and problem documents are small; anything larger fails the call rather than the heap. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /**
     * The fields that belong to one connection or frame a body: neither sent to the service (the JDK's client
     * sets or refuses them) nor passed on from its answer (the gateway frames its own).
     */
    static final Set<String> CONNECTION_FIELDS = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

    static final String UNAVAILABLE = "The authorization service is unavailable.";
    static final String TIMED_OUT = "The authorization service did not answer in time.";
    static final String BAD_ANSWER = "The authorization service gave an answer the gateway cannot pass on.";

    private final URI url;
    private final Duration timeout;
    private final int maxConcurrent;
    private final Semaphore slots;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    /**
     * @param ssl the TLS an {@code https://} service is trusted by, or null for the JVM's default
     */
    AuthService(URI url, Duration timeout, int maxConcurrent, SSLContext ssl) {
        this.url = url;
        this.timeout = timeout;
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent);
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).executor(executor);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.client = builder.build();
    }

    /**
     * Asks the service about one request.
     *
     * @param fields the header fields to send, already chosen; none of {@link #CONNECTION_FIELDS}
     * @return the verdict; never throws for anything the service or the network does
     */
    Verdict ask(Headers fields) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Verdict.Failed(503, UNAVAILABLE, "all " + maxConcurrent
                        + " calls in flight stayed busy for " + timeout.toMillis() + "ms");
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return new Verdict.Failed(503, UNAVAILABLE, "interrupted while waiting for a connection");
        }
        try {
            return call(fields, deadline);
        } finally {
            slots.release();
        }
    }

    private Verdict call(Headers fields, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return new Verdict.Failed(504, TIMED_OUT, "no connection came free within " + timeout.toMillis() + "ms");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofNanos(left));
        try {
            fields.forEach(request::header);
        } catch (IllegalArgumentException unsendable) {
            return new Verdict.Failed(502, BAD_ANSWER, "a header field cannot be sent: " + unsendable.getMessage());
        }
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request.build(),
                info -> new CappedBody(MAX_ANSWER_BYTES));
        try {
            return verdict(answer.get(left, TimeUnit.NANOSECONDS));
        } catch (TimeoutException slow) {
            answer.cancel(true);
            return new Verdict.Failed(504, TIMED_OUT, "no whole answer within " + timeout.toMillis() + "ms");
        } catch (InterruptedException stopping) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new Verdict.Failed(503, UNAVAILABLE, "interrupted while waiting for the answer");
        } catch (ExecutionException failed) {
            return failure(failed.getCause());
        }
    }

    private Verdict failure(Throwable cause) {
        return switch (cause) {
            case HttpTimeoutException slow ->
                    new Verdict.Failed(504, TIMED_OUT, "no answer within " + timeout.toMillis() + "ms");
            case CappedBody.TooLarge large -> new Verdict.Failed(502, BAD_ANSWER, large.getMessage());
            case ConnectException refused -> new Verdict.Failed(503, UNAVAILABLE, "cannot connect: " + refused);
            case IOException broken -> new Verdict.Failed(503, UNAVAILABLE, broken.toString());
            default -> new Verdict.Failed(503, UNAVAILABLE, String.valueOf(cause));
        };
    }

    private static Verdict verdict(HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        Headers.Builder headers = Headers.builder();
        try {
            answer.headers().map().forEach((name, values) -> {
                if (!CONNECTION_FIELDS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> headers.add(name, value));
                }
            });
        } catch (IllegalArgumentException unusable) {
            return new Verdict.Failed(502, BAD_ANSWER, "a header field of its answer is unusable: "
                    + unusable.getMessage());
        }
        if (status >= 200 && status < 300) {
            return new Verdict.Allowed(headers.build());
        }
        if (status >= 300 && status < 500) {
            return new Verdict.Refused(status, headers.build(), answer.body());
        }
        return new Verdict.Failed(503, UNAVAILABLE, "it answered " + status);
    }

    /** Gives up the calls in flight: a reload or a stop does not wait for the service. */
    @Override
    public void close() {
        client.shutdownNow();
        executor.shutdownNow();
    }
}
