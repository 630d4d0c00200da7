package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicLong;

import io.turnpike.api.Counter;
import org.junit.jupiter.api.Test;

/** At most 1,000 plugin counters are exported, whatever plugins ask for. */
class BoundedPluginMetersTest {

    private final AtomicLong counted = new AtomicLong();
    private final BoundedPluginMeters meters = new BoundedPluginMeters((plugin, name, description, route) ->
            counted::addAndGet);

    @Test
    void pastAThousandNamesANewCounterCountsNowhereWhileTheKnownOnesCountOn() {
        for (int i = 0; i < BoundedPluginMeters.MAX_COUNTERS; i++) {
            assertNotSame(Counter.NONE, meters.counter("careless", "name_" + i, "One of many", "orders"));
        }

        assertSame(Counter.NONE, meters.counter("careless", "one_too_many", "Past the bound", "orders"));
        Counter known = meters.counter("careless", "name_7", "One of many", "stock");
        known.increment();
        assertEquals(1, counted.get(), "a name already kept is kept for another route too");
    }
}
