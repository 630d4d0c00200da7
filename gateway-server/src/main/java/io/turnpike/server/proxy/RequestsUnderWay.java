package io.turnpike.server.proxy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The requests the proxy is serving, known so that a stop can let those under way end before the listener
 * closes, and cut those still running when {@code drain-timeout} is up.
 *
 * <p>Helidon 4.5's HTTP/2 server, when it stops, reads each connection only until the next frame, then tells
 * the client that none of its streams was processed ({@code GOAWAY} naming stream 0) and closes it: every
 * gRPC call, and every HTTP/2 request, still under way failed, however long {@code drain-timeout} was. So the
 * gateway waits for the requests that began before it started to stop, still serving meanwhile, and only then
 * stops the listener. Requests that begin during the wait are served but not waited for: under steady traffic
 * the wait ends with the requests it knew of, not at the timeout.
 *
 * <p>Helidon's own stop gives the requests still in flight its whole grace period again, so a request that
 * outlived the wait (a long download, a server stream) made a stop last two or three times
 * {@code drain-timeout}, past the moment an orchestrator that trusted the setting kills the process.
 * {@link #cut()} ends them at the timeout as Helidon would at the end of its grace: by interrupting the threads
 * that serve them.
 */
public final class RequestsUnderWay {

    /** What ends a request's count. */
    @FunctionalInterface
    public interface Counted extends AutoCloseable {
        @Override
        void close();
    }

    private static final long POLL_MILLIS = 10;

    private final AtomicLong beforeStop = new AtomicLong();
    /** Each request's thread, until its answer is written: what {@link #cut()} interrupts. */
    private final Set<Thread> serving = ConcurrentHashMap.newKeySet();
    /** Shared by every request, so that counting allocates nothing but the set's entry. */
    private final Counted countedBeforeStop = () -> {
        serving.remove(Thread.currentThread());
        beforeStop.decrementAndGet();
    };
    private final Counted countedAfterStop = () -> serving.remove(Thread.currentThread());
    private volatile boolean stopping;
    private volatile boolean cutting;

    /**
     * Counts a request served on the calling thread.
     *
     * @return the request's count, to close on the same thread when its answer is written
     */
    public Counted begin() {
        serving.add(Thread.currentThread());
        // counted first, then checked, while the wait sets the flag first, then reads the count: so a request
        // that begins as the stop does is either seen by the wait or knows it is not waited for
        beforeStop.incrementAndGet();
        if (stopping) {
            beforeStop.decrementAndGet();
            return countedAfterStop;
        }
        return countedBeforeStop;
    }

    /**
     * Waits for the requests that began before this call to end.
     *
     * @param limit the longest wait
     * @return whether they all ended in time
     */
    public boolean awaitEnd(Duration limit) {
        stopping = true;
        return await(() -> beforeStop.get() == 0, limit);
    }

    /**
     * Waits for every request to end, whenever it began.
     *
     * @param limit the longest wait
     * @return whether none is under way any more
     */
    public boolean awaitNone(Duration limit) {
        return await(serving::isEmpty, limit);
    }

    /**
     * Interrupts the threads serving the requests still under way, whenever they began. A thread blocked on a
     * socket is woken with the socket closed, so its request ends at once, without an answer when none had
     * begun.
     *
     * <p>From then on, {@link #refusing()} says so: a request that comes in before the listener has stopped is
     * refused, not begun.
     *
     * @return how many requests were cut
     */
    public int cut() {
        stopping = true;
        cutting = true;
        int cut = 0;
        for (Thread thread : serving) {
            thread.interrupt();
            cut++;
        }
        return cut;
    }

    /** @return whether requests are refused now, since the drain timeout has run out */
    public boolean refusing() {
        return cutting;
    }

    private static boolean await(BooleanSupplier ended, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ended.getAsBoolean()) {
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
