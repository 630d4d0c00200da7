package io.turnpike.server.proxy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests the proxy is serving, counted so that a stop can let those under way end before the listener
 * closes.
 *
 * <p>Helidon 4.5's HTTP/2 server, when it stops, reads each connection only until the next frame, then tells
 * the client that none of its streams was processed ({@code GOAWAY} naming stream 0) and closes it: every
 * gRPC call, and every HTTP/2 request, still under way failed, however long {@code drain-timeout} was. So the
 * gateway waits for the requests that began before it started to stop, still serving meanwhile, and only then
 * stops the listener. Requests that begin during the wait are served but not waited for: under steady traffic
 * the wait ends with the requests it knew of, not at the timeout.
 */
public final class RequestsUnderWay {

    /** What ends a request's count. */
    @FunctionalInterface
    public interface Counted extends AutoCloseable {
        @Override
        void close();
    }

    private static final Counted NOT_COUNTED = () -> { };
    private static final long POLL_MILLIS = 10;

    private final AtomicLong beforeStop = new AtomicLong();
    /** One for every counted request: all a count's end does is take one off. */
    private final Counted counted = beforeStop::decrementAndGet;
    private volatile boolean stopping;

    /** @return the request's count, to close when its answer is written */
    public Counted begin() {
        if (stopping) {
            return NOT_COUNTED;
        }
        beforeStop.incrementAndGet();
        return counted;
    }

    /**
     * Waits for the requests that began before this call to end.
     *
     * @param limit the longest wait
     * @return whether they all ended in time
     */
    public boolean awaitEnd(Duration limit) {
        stopping = true;
        long deadline = System.nanoTime() + limit.toNanos();
        while (beforeStop.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
