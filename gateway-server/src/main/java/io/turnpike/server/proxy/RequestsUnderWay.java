package io.turnpike.server.proxy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.helidon.http.http2.Http2ErrorCode;
import io.helidon.http.http2.Http2Exception;
import io.helidon.webserver.CloseConnectionException;

/**
 * The requests the proxy is serving, known so that a stop ends them in order, within {@code drain-timeout}.
 *
 * <p>Helidon 4.5's HTTP/2 server, when it stops, reads each connection only until its next frame, then tells the
 * client that none of its streams was processed ({@code GOAWAY} naming stream 0) and closes it. Every HTTP/2
 * request still under way then failed, and the client took it for one it may safely send again (gRPC's and Go's
 * clients do so at once), although the upstream may have processed it; a request whose body had not all come
 * was left waiting for the rest until the timeout. So a stop goes in steps:
 * <ol>
 *   <li>serve on (health answers 503, and HTTP/1.1 answers close their connections, {@link #draining}) until the
 *       requests begun before the stop have ended ({@link #awaitEnd}). Requests begun meanwhile are served but
 *       not waited for: under steady traffic the wait ends with the requests it knew of, not at the timeout;</li>
 *   <li>hold new HTTP/2 requests back, before any plugin or upstream sees them, until the HTTP/2 requests under
 *       way have ended ({@link #holdHttp2}), for a second at most each;</li>
 *   <li>refuse the held requests, and any that still come, with {@code REFUSED_STREAM} ({@link #releaseHeld}),
 *       which tells their clients that they were not processed, and they were not;</li>
 *   <li>stop the listener ({@link #listenerStopping}): Helidon's {@code GOAWAY} then claims nothing that is
 *       untrue.</li>
 * </ol>
 * HTTP/1.1 requests need no further step: Helidon's stop lets each finish and closes its connection after.
 *
 * <p>Helidon's stop also gives the requests still in flight its whole grace period again, once for its
 * connection readers and once more for HTTP/2 streams: a request that outlived the drain (a long download, a
 * server stream) made a stop last two or three times {@code drain-timeout}, past the moment an orchestrator
 * that trusted the setting kills the process. {@link #cut()} ends them at the timeout as Helidon would at the
 * end of its grace: by interrupting the threads that serve them.
 */
public final class RequestsUnderWay {

    /** What ends a request's count. */
    @FunctionalInterface
    public interface Counted extends AutoCloseable {
        @Override
        void close();
    }

    private static final long POLL_MILLIS = 10;
    /**
     * The longest an HTTP/2 request is held back. A stream begun during the first step may outlast it by far, and
     * a caller is better told at once to go elsewhere than after its own deadline.
     */
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(1);

    private final AtomicLong beforeStop = new AtomicLong();
    private final AtomicLong http2 = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Each request's thread, until its answer is written: what {@link #cut()} interrupts. */
    private final Set<Thread> serving = ConcurrentHashMap.newKeySet();
    /** The threads of the HTTP/2 requests held back, until each has read its body and is refused. */
    private final Set<Thread> heldThreads = ConcurrentHashMap.newKeySet();
    /** One per kind of request, shared, so that counting allocates nothing but the set's entry. */
    private final Counted afterStop = new Count(false, false);
    private final Counted http2AfterStop = new Count(false, true);
    private final Counted before = new Count(true, false);
    private final Counted http2Before = new Count(true, true);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean holding;
    private volatile boolean listenerStopping;
    private volatile boolean cutting;
    /** Set by {@link #hurry()}: the steps of the stop wait no more. */
    private volatile boolean hurried;

    /**
     * Counts an HTTP/1.1 request served on the calling thread.
     *
     * @return the request's count, to close on the same thread when its answer is written
     */
    public Counted begin() {
        return counted(false);
    }

    /**
     * Counts an HTTP/2 request served on the calling thread. While HTTP/2 requests are held back, it waits here
     * instead, until the ones under way have ended (a second at most), and is then refused.
     *
     * @param readBody reads the rest of the request's body, for a request refused: Helidon reads it before it
     *                 resets the stream, and once its stop has begun it reads no more, so it would wait until its
     *                 grace period ended
     * @return the request's count, to close on the same thread when its answer is written
     * @throws CloseConnectionException for a held request, which Helidon answers with {@code RST_STREAM}
     *                                  ({@code REFUSED_STREAM})
     */
    public Counted beginHttp2(Runnable readBody) {
        // Each count is taken first and the flag read after, while a stop step sets its flag first and reads the
        // count after: a request that begins as a step does is either seen by it or knows it is not waited for.
        http2.incrementAndGet();
        if (holding) {
            http2.decrementAndGet();
            throw heldUntilReleased(readBody);
        }
        return counted(true);
    }

    private Counted counted(boolean overHttp2) {
        serving.add(Thread.currentThread());
        beforeStop.incrementAndGet();
        if (stopping) {
            beforeStop.decrementAndGet();
            return overHttp2 ? http2AfterStop : afterStop;
        }
        return overHttp2 ? http2Before : before;
    }

    /**
     * Waits for the requests that began before this call to end.
     *
     * @param limit the longest wait
     * @return whether they all ended in time
     */
    public boolean awaitEnd(Duration limit) {
        stopping = true;
        return await(() -> hurried || beforeStop.get() == 0, limit);
    }

    /**
     * Holds new HTTP/2 requests back, and waits for those under way to end.
     *
     * @param limit the longest wait
     * @return whether they all ended in time
     */
    public boolean holdHttp2(Duration limit) {
        holding = true;
        return await(() -> hurried || http2.get() == 0, limit);
    }

    /**
     * Refuses the HTTP/2 requests held back, and any that come from now on, and waits for the held ones to be
     * refused, each once its body is read. Called before the listener stops, which ends the reading.
     *
     * @param limit the longest wait
     * @return whether every held request was refused in time
     */
    public boolean releaseHeld(Duration limit) {
        refuseHeld();
        return await(() -> hurried || heldThreads.isEmpty(), limit);
    }

    private void refuseHeld() {
        holding = true;
        released.countDown();
    }

    /**
     * Says that the listener is about to stop: Helidon reads no request body from then on, so a request held back
     * is refused without reading the rest of its body, and one reading it is interrupted.
     */
    public void listenerStopping() {
        listenerStopping = true;
        heldThreads.forEach(Thread::interrupt);
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
     * Interrupts the threads serving the requests still under way, whenever they began, and refuses those held
     * back. A thread blocked on a socket is woken with the socket closed, so its request ends at once, without
     * an answer when none had begun.
     *
     * <p>From then on, {@link #refusing()} says so: a request that comes in before the listener has stopped is
     * refused, not begun.
     *
     * @return how many requests were cut
     */
    public int cut() {
        stopping = true;
        cutting = true;
        refuseHeld();
        int cut = 0;
        for (Thread thread : serving) {
            thread.interrupt();
            cut++;
        }
        return cut;
    }

    /**
     * Cuts now, and ends the steps' waits ({@link #awaitEnd}, {@link #holdHttp2}, {@link #releaseHeld}), for a
     * stop that must not wait for the drain timeout.
     *
     * @return how many requests were cut
     */
    public int hurry() {
        hurried = true;
        return cut();
    }

    /** @return how many requests are being served now: the {@code http.server.active_requests} metric */
    public long count() {
        return serving.size();
    }

    /** @return how many HTTP/2 requests were refused as not processed, once held back */
    public long refused() {
        return refused.get();
    }

    /** @return whether the gateway is stopping: from the start of the wait on */
    public boolean draining() {
        return stopping;
    }

    /** @return whether requests are refused now, since the drain timeout has run out */
    public boolean refusing() {
        return cutting;
    }

    private CloseConnectionException heldUntilReleased(Runnable readBody) {
        Thread self = Thread.currentThread();
        heldThreads.add(self);
        try {
            released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            if (!listenerStopping) {
                readBody.run();
            }
        } catch (InterruptedException | RuntimeException e) {
            // interrupted (the listener is stopping) or unreadable: the refusal goes out all the same
        } finally {
            heldThreads.remove(self);
        }
        if (listenerStopping) {
            // Helidon reads the rest of the body before it resets the stream, and its stop reads nothing more:
            // interrupted, that read ends at once, where it would wait until the end of the grace period
            self.interrupt();
        }
        refused.incrementAndGet();
        String why = "The gateway is stopping; the request was not processed.";
        return new CloseConnectionException(why, new Http2Exception(Http2ErrorCode.REFUSED_STREAM, why));
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

    /** A request's count: what its end takes off. */
    private final class Count implements Counted {

        private final boolean beganBeforeStop;
        private final boolean overHttp2;

        Count(boolean beganBeforeStop, boolean overHttp2) {
            this.beganBeforeStop = beganBeforeStop;
            this.overHttp2 = overHttp2;
        }

        @Override
        public void close() {
            serving.remove(Thread.currentThread());
            if (beganBeforeStop) {
                beforeStop.decrementAndGet();
            }
            if (overHttp2) {
                http2.decrementAndGet();
            }
        }
    }
}
