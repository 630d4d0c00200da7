package io.turnpike.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What {@link PluginContext#counter} accepts as a name, and what a context without metrics hands out. */
class PluginContextCounterTest {

    private final PluginContext context = new PluginContext() {
        @Override
        public String routeId() {
            return "orders";
        }

        @Override
        public String pluginName() {
            return "test";
        }

        @Override
        public System.Logger logger() {
            return System.getLogger("test");
        }
    };

    @Test
    void aNameIsLowerCaseLettersDigitsAndUnderscoresStartingWithALetter() {
        assertDoesNotThrow(() -> context.counter("cache_hits2", "Hits"));
        assertDoesNotThrow(() -> context.counter("a".repeat(64), "The longest name"));
        for (String bad : new String[] {"CacheHits", "cache-hits", "2hits", "_hits", "", "a".repeat(65), null}) {
            assertThrows(IllegalArgumentException.class, () -> context.counter(bad, "Bad"), String.valueOf(bad));
        }
    }

    @Test
    void aContextWithoutMetricsCountsNowhere() {
        Counter counter = context.counter("cache_hits", "Hits");

        assertSame(Counter.NONE, counter);
        assertDoesNotThrow(counter::increment);
    }
}
