package io.turnpike.server.proxy;

import java.time.Duration;

/**
 * Closes an upstream's idle connections in time whether or not requests come: a virtual thread that wakes every
 * half idle time, so that a connection is closed at most one and a half idle times after its last request.
 * Requests close the ones they find too old as well; this covers the quiet hours, when an upstream that never
 * closes idle connections itself (grpc-java's default) would otherwise keep every one of them open.
 */
final class IdleReaper implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(IdleReaper.class.getName());
    private static final Duration SHORTEST_PAUSE = Duration.ofMillis(50);

    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param upstream    the upstream's name, for the thread's name and the log
     * @param idleTimeout how long a connection may stay idle
     * @param closeIdle   closes the connections idle longer than that
     */
    IdleReaper(String upstream, Duration idleTimeout, Runnable closeIdle) {
        Duration pause = idleTimeout.dividedBy(2);
        Duration every = pause.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : pause;
        this.thread = Thread.ofVirtual().name("idle-connections-" + upstream).start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    closeIdle.run();
                } catch (RuntimeException e) {
                    LOGGER.log(System.Logger.Level.WARNING, "closing idle connections to upstream " + upstream
                            + " failed; trying again in " + every.toMillis() + " ms", e);
                }
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
