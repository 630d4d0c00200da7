package io.turnpike.plugins.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets a warning about repeated failures out at most once an interval, with how many failures it stands for: a
 * service that is down fails every request, and one line per request would bury the log.
 */
public final class WarningThrottle {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong lastWarning;

    /**
     * @param interval the least time between two warnings; the first failure is warned of at once
     * @param nanoTime the clock, {@code System::nanoTime} outside tests
     */
    public WarningThrottle(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.lastWarning = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
    }

    /**
     * Counts one failure.
     *
     * @return how many failures the warning due now stands for, this one included; 0 when no warning is due
     */
    public long failed() {
        long count = unreported.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastWarning.get();
        if (now - last < intervalNanos || !lastWarning.compareAndSet(last, now)) {
            return 0;
        }
        unreported.addAndGet(-count);
        return count;
    }
}
