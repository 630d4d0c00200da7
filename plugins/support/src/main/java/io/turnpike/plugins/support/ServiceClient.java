package io.turnpike.plugins.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

/**
 * Calls to a service of the operator's own with the JDK's HTTP client, over HTTP/1.1 with kept-alive connections
 * and no redirects followed. Each call is bounded: in time, the wait for a free call included; in the size of its
 * answer; and in number, as at most {@code maxConcurrent} calls are in flight, so a slow service holds a bounded
 * number of connections and no request longer than the timeout.
 */
public final class ServiceClient implements AutoCloseable {

    private final Duration timeout;
    private final int maxConcurrent;
    private final int maxAnswerBytes;
    private final Semaphore slots;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    /**
     * @param timeout        how long a call may take in all
     * @param maxConcurrent  calls in flight at once; past it, a call waits for one to end, within its timeout
     * @param maxAnswerBytes the largest answer body read
     * @param ssl            the TLS an {@code https://} service is trusted by, or null for the JVM's default
     */
    public ServiceClient(Duration timeout, int maxConcurrent, int maxAnswerBytes, SSLContext ssl) {
        this.timeout = timeout;
        this.maxConcurrent = maxConcurrent;
        this.maxAnswerBytes = maxAnswerBytes;
        this.slots = new Semaphore(maxConcurrent);
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).executor(executor);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.client = builder.build();
    }

    /**
     * Sends a request and reads its answer whole.
     *
     * @param request the request; its timeout is set here, to what is left of the call's
     * @return the answer, whatever its status
     * @throws ServiceFailure when no whole answer came within the timeout
     */
    public HttpResponse<byte[]> send(HttpRequest.Builder request) throws ServiceFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ServiceFailure(ServiceFailure.Kind.BUSY, "all " + maxConcurrent
                        + " calls in flight stayed busy for " + timeout.toMillis() + "ms");
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new ServiceFailure(ServiceFailure.Kind.UNREACHABLE, "interrupted while waiting for a call");
        }
        try {
            return call(request, deadline);
        } finally {
            slots.release();
        }
    }

    private HttpResponse<byte[]> call(HttpRequest.Builder request, long deadline) throws ServiceFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ServiceFailure(ServiceFailure.Kind.TIMED_OUT, "no call came free within " + timeout.toMillis() + "ms");
        }
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(
                request.timeout(Duration.ofNanos(left)).build(), info -> new CappedBody(maxAnswerBytes));
        try {
            return answer.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            answer.cancel(true);
            throw new ServiceFailure(ServiceFailure.Kind.TIMED_OUT, "no whole answer within " + timeout.toMillis() + "ms");
        } catch (InterruptedException stopping) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServiceFailure(ServiceFailure.Kind.UNREACHABLE, "interrupted while waiting for the answer");
        } catch (ExecutionException failed) {
            throw failure(failed.getCause());
        }
    }

    private ServiceFailure failure(Throwable cause) {
        return switch (cause) {
            case HttpTimeoutException slow ->
                    new ServiceFailure(ServiceFailure.Kind.TIMED_OUT, "no answer within " + timeout.toMillis() + "ms");
            case CappedBody.TooLarge large -> new ServiceFailure(ServiceFailure.Kind.TOO_LARGE, large.getMessage());
            case ConnectException refused -> new ServiceFailure(ServiceFailure.Kind.UNREACHABLE, "cannot connect: " + refused);
            case IOException broken -> new ServiceFailure(ServiceFailure.Kind.UNREACHABLE, broken.toString());
            default -> new ServiceFailure(ServiceFailure.Kind.UNREACHABLE, String.valueOf(cause));
        };
    }

    /** Gives up the calls in flight. */
    @Override
    public void close() {
        client.shutdownNow();
        executor.shutdownNow();
    }
}
