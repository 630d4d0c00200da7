package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A stop waits for the requests under way when it began, and for no other. */
class RequestsUnderWayTest {

    private final RequestsUnderWay underWay = new RequestsUnderWay();

    @Test
    void withNothingUnderWayTheWaitIsOverAtOnce() {
        assertTrue(underWay.awaitEnd(Duration.ZERO));
    }

    @Test
    void aRequestUnderWayIsWaitedForUntilItEnds() {
        RequestsUnderWay.Counted request = underWay.begin();

        assertFalse(underWay.awaitEnd(Duration.ofMillis(1)), "still under way");
        request.close();
        assertTrue(underWay.awaitEnd(Duration.ZERO));
    }

    @Test
    void aRequestBegunOnceTheStopBeganIsNotWaitedFor() {
        underWay.awaitEnd(Duration.ZERO);

        RequestsUnderWay.Counted late = underWay.begin();

        assertTrue(underWay.awaitEnd(Duration.ZERO));
        late.close();
    }
}
