package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which changes of a route's settings keep its counts across a reload, and which start them afresh. */
class StoreShapeTest {

    private static final List<Limit> TEN_PER_MINUTE = List.of(new Limit("minute", 10, 60_000));
    private static final StoreShape API = StoreShape.of("api", TEN_PER_MINUTE, KeyBy.IP, null, 100);

    @Test
    void theSameSettingsMakeTheSameShape() {
        assertEquals(API, StoreShape.of("api", List.copyOf(TEN_PER_MINUTE), KeyBy.IP, null, 100));
    }

    @Test
    void everyPartOfTheShapeSeparatesStores() {
        List<StoreShape> changed = List.of(
                StoreShape.of("other", TEN_PER_MINUTE, KeyBy.IP, null, 100),
                StoreShape.of("api", List.of(new Limit("minute", 5, 60_000)), KeyBy.IP, null, 100),
                StoreShape.of("api", List.of(new Limit("hour", 10, 3_600_000)), KeyBy.IP, null, 100),
                StoreShape.of("api", TEN_PER_MINUTE, KeyBy.ROUTE, null, 100),
                StoreShape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "x-api-key", 100),
                StoreShape.of("api", TEN_PER_MINUTE, KeyBy.IP, null, 200));

        for (StoreShape shape : changed) {
            assertNotEquals(API, shape, shape.toString());
        }
        assertNotEquals(StoreShape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "x-api-key", 100),
                StoreShape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "x-client", 100));
    }

    @Test
    void aHeaderNameDifferingOnlyInCaseIsTheSameShape() {
        assertEquals(StoreShape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "X-Api-Key", 100),
                StoreShape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "x-api-key", 100));
    }
}
