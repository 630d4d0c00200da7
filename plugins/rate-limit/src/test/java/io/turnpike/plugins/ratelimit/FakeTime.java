package io.turnpike.plugins.ratelimit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Ticker;

/** A clock that moves only when told: wall-clock milliseconds for windows, nanoseconds for Caffeine. */
final class FakeTime implements LongSupplier, Ticker {

    private final AtomicLong millis;

    FakeTime(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    void advance(long byMillis) {
        millis.addAndGet(byMillis);
    }

    @Override
    public long getAsLong() {
        return millis.get();
    }

    @Override
    public long read() {
        return millis.get() * 1_000_000;
    }
}
