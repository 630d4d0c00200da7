package io.turnpike.plugins.requestmirror;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

import io.turnpike.api.Counter;
import io.turnpike.api.Headers;
import io.turnpike.plugins.support.WarningThrottle;

/**
 * Sends copies of requests to the mirror in the background and throws its answers away. At most
 * {@code maxConcurrent} copies are in flight; a request that finds them all taken is not copied, so a slow
 * mirror costs the route nothing. Failures are logged as a warning at most once a minute, with how many
 * copies failed since.
 */
final class Mirror implements AutoCloseable {

    /** The fields the JDK's client sets itself, or refuses to be given. */
    private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "keep-alive", "te", "trailer", "transfer-encoding", "proxy-connection");

    private final String base;
    private final Duration timeout;
    private final Semaphore slots;
    private final System.Logger logger;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final WarningThrottle warnings;
    private final Counter dropped;
    private final Counter failedCopies;

    /**
     * @param base         the mirror's base URL, without a trailing {@code /}
     * @param dropped      counts the requests not copied because {@code maxConcurrent} copies were in flight
     * @param failedCopies counts the copies that failed
     */
    Mirror(String base, Duration timeout, int maxConcurrent, System.Logger logger, LongSupplier nanoTime,
           Counter dropped, Counter failedCopies) {
        this.dropped = dropped;
        this.failedCopies = failedCopies;
        this.base = base;
        this.timeout = timeout;
        this.slots = new Semaphore(maxConcurrent);
        this.logger = logger;
        this.warnings = new WarningThrottle(Duration.ofMinutes(1), nanoTime);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).executor(executor).build();
    }

    /**
     * Sends a copy, unless as many are in flight as allowed.
     *
     * @param rawPath  the request's path as it came, still encoded
     * @param rawQuery its query, or empty
     * @return whether the copy went out
     */
    boolean send(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        if (!slots.tryAcquire()) {
            dropped.increment();
            return false;
        }
        HttpRequest copy;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + rawPath
                            + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
                    .timeout(timeout)
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, value) -> {
                if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                    builder.header(name, value);
                }
            });
            copy = builder.build();
        } catch (IllegalArgumentException unsendable) {
            slots.release();
            failed(unsendable);
            return false;
        }
        client.sendAsync(copy, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
            slots.release();
            if (failure != null) {
                failed(failure);
            }
        });
        return true;
    }

    private void failed(Throwable failure) {
        failedCopies.increment();
        long failures = warnings.failed();
        if (failures > 0) {
            logger.log(Level.WARNING, failures + " cop" + (failures == 1 ? "y" : "ies") + " of requests to the mirror "
                    + base + " failed since the last warning, the last with: " + failure);
        }
    }

    /** Gives up the copies still in flight: a reload or a stop does not wait for the mirror. */
    @Override
    public void close() {
        client.shutdownNow();
        executor.shutdownNow();
    }
}
