package io.turnpike.plugins.forwardauth;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Warns of failed calls to the authorization service at most once a minute, with how many failed since: a
 * service that is down fails every request, and one line per request would bury the log.
 */
final class FailureLog {

    private static final long INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final String service;
    private final System.Logger logger;
    private final LongSupplier nanoTime;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong lastWarning;

    /** @param service the service's URL, as the warnings name it */
    FailureLog(String service, System.Logger logger, LongSupplier nanoTime) {
        this.service = service;
        this.logger = logger;
        this.nanoTime = nanoTime;
        this.lastWarning = new AtomicLong(nanoTime.getAsLong() - INTERVAL_NANOS);
    }

    /** Counts one failed call, and warns if a minute has passed since the last warning. */
    void failed(Verdict.Failed failure) {
        long count = unreported.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastWarning.get();
        if (now - last < INTERVAL_NANOS || !lastWarning.compareAndSet(last, now)) {
            return;
        }
        unreported.addAndGet(-count);
        logger.log(Level.WARNING, count + " request" + (count == 1 ? " was" : "s were") + " refused since the last"
                + " warning because the authorization service " + service + " failed; the last one was answered "
                + failure.status() + " because of: " + failure.reason());
    }
}
