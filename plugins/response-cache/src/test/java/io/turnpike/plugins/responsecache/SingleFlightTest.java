package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.turnpike.plugins.responsecache.Fixtures.TestClock;
import org.junit.jupiter.api.Test;

/** Who leads, who follows, and what followers are told. */
class SingleFlightTest {

    private final TestClock clock = new TestClock();
    private final PrimaryKey key = new PrimaryKey("shop", "GET", "h", "/a", "", PrimaryKey.ANONYMOUS);

    @Test
    void theFirstLeadsAndTheRestFollowUntilItLands() {
        SingleFlight flights = new SingleFlight(Duration.ofSeconds(5), clock);

        SingleFlight.Flight leader = flights.join(key, List.of());
        SingleFlight.Flight follower = flights.join(key, List.of());
        CompletableFuture<SingleFlight.Outcome> waiting = CompletableFuture.supplyAsync(follower::await);
        leader.land(true);

        assertTrue(leader.leads());
        assertFalse(follower.leads());
        assertEquals(SingleFlight.Outcome.STORED, waiting.join());
        assertTrue(flights.join(key, List.of()).leads(), "a landed flight is forgotten");
    }

    @Test
    void followersOfAnAnswerThatWasNotStoredGoOnTheirOwn() {
        SingleFlight flights = new SingleFlight(Duration.ofSeconds(5), clock);
        SingleFlight.Flight leader = flights.join(key, List.of());
        SingleFlight.Flight follower = flights.join(key, List.of());

        leader.land(false);

        assertEquals(SingleFlight.Outcome.ON_YOUR_OWN, follower.await());
    }

    @Test
    void followersStopWaitingAfterTheLockTimeout() {
        SingleFlight flights = new SingleFlight(Duration.ofMillis(50), clock);
        flights.join(key, List.of());

        assertEquals(SingleFlight.Outcome.ON_YOUR_OWN, flights.join(key, List.of()).await());
    }

    @Test
    void aFlightWhoseLeaderNeverLandsIsForgottenAfterTheLockTimeout() {
        SingleFlight flights = new SingleFlight(Duration.ofSeconds(5), clock);
        flights.join(key, List.of());

        clock.advance(Duration.ofSeconds(5));

        assertTrue(flights.join(key, List.of()).leads());
    }

    @Test
    void differentVariantsFlyApart() {
        SingleFlight flights = new SingleFlight(Duration.ofSeconds(5), clock);
        flights.join(key, List.of("=fr"));

        assertTrue(flights.join(key, List.of("=de")).leads());
    }
}
